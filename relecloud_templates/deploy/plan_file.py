"""Read the deployment plan that `relecloud render` writes (``DIR/plan.json``, docs/ARCHITECTURE.md).

Every problem in the plan is reported at once, each at ``file:line:col``, before anything talks to Azure.
The unit's template and parameter files are read here too, so a missing or broken file is a plan problem,
not a failed deployment half-way through the estate.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from relecloud_templates.arm import jsonpos
from relecloud_templates.arm.vocabulary import is_subscription_id
from relecloud_templates.console import command_line
from relecloud_templates.deploy.problems import code_of
from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError, Location, Severity
from relecloud_templates.fsutil import is_within, read_input_text
from relecloud_templates.located import NOWHERE, key_pos, pos_of, value_pos
from relecloud_templates.suggest import did_you_mean

KINDS = ("managementZone", "landingZone", "integration", "product")
SCOPES = ("subscription", "resourceGroup")
# ARM: 1-64 characters, letters, digits, '-', '.', '_', '(' and ')'.
DEPLOYMENT_NAME = re.compile(r"^[-\w.()]{1,64}$", re.ASCII)


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    zone: str
    scope: str  # subscription | resourceGroup
    subscription_id: str
    resource_group: str | None
    location: str
    deployment_name: str
    depends_on: tuple[str, ...]
    template: dict
    parameters: dict  # name -> {"value": ...}; never holds a secret
    secure_parameters: tuple[str, ...]
    data_plane: tuple[dict, ...] = ()  # steps performed after its deployment (deploy/dataplane.py)

    @property
    def target(self) -> str:
        """Where the unit deploys, as a person reads it."""
        where = f"subscription {self.subscription_id}"
        return f"resource group {self.resource_group} in {where}" if self.resource_group else where


@dataclass(frozen=True)
class DeployPlan:
    path: Path
    units: tuple[Unit, ...]
    prefix: str | None = None  # plan.json "estate": which estate and environment the units belong to
    environment: str | None = None
    manifest: str | None = None  # plan.json "manifest": what it was rendered from, relative to its folder

    def names(self) -> list[str]:
        return [u.name for u in self.units]

    def unit(self, name: str) -> Unit:
        return next(u for u in self.units if u.name == name)

    def zones(self) -> list[str]:
        return sorted({u.zone for u in self.units})

    def render_command(self) -> str:
        """The command that renders this plan again, into the folder it is in (for hints); the manifest it
        records is relative to that folder."""
        folder = self.path.parent
        manifest = [os.path.normpath(folder / self.manifest)] if self.manifest else []
        return command_line("render", *manifest, "-o", str(folder))


class _Problems:
    """Collects located diagnostics for one file."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.found: list[Diagnostic] = []

    def add(self, name: str, message: str, pos=NOWHERE, hint: str = "", path: str | None = None):
        location = Location(path or self.path, pos[0], pos[1])
        self.found.append(Diagnostic(Severity.ERROR, code_of(name), message, location, hint, name))


def _read_json(path: Path, problems: _Problems, origin_pos=NOWHERE) -> Any:
    try:
        text = read_input_text(path)
    except OSError as exc:
        problems.add("unreadable-file", f"cannot read {path}: {exc.strerror or exc}", origin_pos)
        return None
    try:
        return jsonpos.loads(text)
    except jsonpos.JsonSyntaxError as exc:
        problems.add("invalid-json", exc.message, exc.pos, path=str(path))
        return None


def load_plan(path: Path) -> DeployPlan:
    """The plan at ``path`` (a plan.json or the folder holding it), or DiagnosticsError with every problem."""
    path = Path(path)
    if path.is_dir():
        path = path / "plan.json"
    problems = _Problems(path)
    doc = _read_json(path, problems)
    if doc is None:
        raise DiagnosticsError(problems.found)
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("units"), list):
        problems.add("unsupported-plan", "not a version 1 plan with a list of units", pos_of(doc),
                     f"render it again: {command_line('render', '-o', str(path.parent))}")
        raise DiagnosticsError(problems.found)
    parsed = [(unit, raw) for i, raw in enumerate(doc["units"])
              if (unit := _unit(raw, path.parent, problems, value_pos(doc["units"], i)))]
    listed = [r["name"] for r in doc["units"] if isinstance(r, dict) and isinstance(r.get("name"), str)]
    _check_graph(parsed, listed, problems)
    estate = doc.get("estate")
    if estate is not None and not (isinstance(estate, dict) and all(isinstance(estate.get(k), str)
                                                                     for k in ("prefix", "environment"))):
        problems.add("invalid-estate", "'estate' must hold the strings 'prefix' and 'environment'",
                     value_pos(doc, "estate"))
    if problems.found:
        raise DiagnosticsError(problems.found)
    estate = estate or {}
    manifest = doc.get("manifest") if isinstance(doc.get("manifest"), str) else None
    return DeployPlan(path, tuple(unit for unit, _ in parsed), estate.get("prefix"), estate.get("environment"),
                      manifest)


_FIELDS: dict[str, type | tuple[type, ...]] = {  # plan.json key -> accepted types
    "name": str, "kind": str, "zone": str, "scope": str, "subscriptionId": str, "resourceGroup": (str, type(None)),
    "location": str, "deploymentName": str, "dependsOn": list, "template": str, "parameters": str,
    "secureParameters": list,
}


def _unit(raw: Any, base: Path, problems: _Problems, pos) -> Unit | None:
    if not isinstance(raw, dict):
        problems.add("invalid-unit", "a unit must be an object", pos)
        return None
    before = len(problems.found)
    if "template" in raw and raw["template"] is None:
        problems.add(
            "invalid-unit",
            f"unit {raw.get('name')!r} has no ARM template: this folder holds Bicep only",
            value_pos(raw, "template"),
            "deploy submits ARM JSON: render with `--format both` (the default) or `--format arm`",
        )
        return None
    for key, kind in _FIELDS.items():
        if key not in raw:
            problems.add("invalid-unit", f"unit is missing {key!r}", pos_of(raw))
        elif not isinstance(raw[key], kind):
            problems.add("invalid-unit", f"{key!r} has the wrong type", value_pos(raw, key))
    for key in ("dependsOn", "secureParameters"):
        if isinstance(raw.get(key), list) and not all(isinstance(item, str) for item in raw[key]):
            problems.add("invalid-unit", f"{key!r} must list names (strings)", value_pos(raw, key))
    steps = raw.get("dataPlane", [])  # plans rendered before data-plane steps existed have none
    if not isinstance(steps, list) or not all(isinstance(s, dict) and isinstance(s.get("action"), str) for s in steps):
        problems.add("invalid-unit", "'dataPlane' must list steps (objects with an 'action')",
                     value_pos(raw, "dataPlane"))
    if len(problems.found) > before:
        return None
    name = raw["name"]
    for key, allowed in (("kind", KINDS), ("scope", SCOPES)):
        if raw[key] not in allowed:
            problems.add("unknown-value", f"unit {name!r}: unknown {key} {raw[key]!r}", value_pos(raw, key),
                         did_you_mean(raw[key], allowed))
    if not DEPLOYMENT_NAME.match(raw["deploymentName"]):
        problems.add("invalid-deployment-name",
                     f"unit {name!r}: deployment name {raw['deploymentName']!r} is not a valid ARM deployment name",
                     value_pos(raw, "deploymentName"),
                     "1-64 characters: letters, digits, '-', '.', '_', '(' and ')'")
    if not is_subscription_id(raw["subscriptionId"]):
        problems.add("invalid-subscription", f"unit {name!r}: {raw['subscriptionId']!r} is not a subscription ID",
                     value_pos(raw, "subscriptionId"))
    if (raw["scope"] == "resourceGroup") != bool(raw["resourceGroup"]):
        problems.add("resource-group-scope",
                     f"unit {name!r}: resourceGroup must be set exactly when scope is resourceGroup",
                     key_pos(raw, "resourceGroup"))
    files = {}
    for key in ("template", "parameters"):
        file = base / raw[key]
        if not is_within(file, base):
            problems.add("file-outside-plan", f"unit {name!r}: {raw[key]!r} is outside the plan's folder",
                         value_pos(raw, key))
            continue
        files[key] = _read_json(file, problems, value_pos(raw, key))
    template, parameters = files.get("template"), files.get("parameters")
    if template is not None and not isinstance(template, dict):
        problems.add("invalid-template", "an ARM template must be a JSON object", pos_of(template),
                     path=str(base / raw["template"]))
    if parameters is not None and not isinstance(parameters, dict):
        problems.add("invalid-parameters", "a parameters file must be a JSON object", pos_of(parameters),
                     path=str(base / raw["parameters"]))
    elif parameters is not None and not isinstance(parameters.get("parameters", {}), dict):
        problems.add("invalid-parameters", "'parameters' must be an object", pos_of(parameters),
                     path=str(base / raw["parameters"]))
    if not isinstance(template, dict) or not isinstance(parameters, dict) or len(problems.found) > before:
        return None
    return Unit(
        name=name, kind=raw["kind"], zone=raw["zone"], scope=raw["scope"], subscription_id=raw["subscriptionId"],
        resource_group=raw["resourceGroup"], location=raw["location"], deployment_name=raw["deploymentName"],
        depends_on=tuple(raw["dependsOn"]), template=template, parameters=dict(parameters.get("parameters", {})),
        secure_parameters=tuple(raw["secureParameters"]), data_plane=tuple(raw.get("dataPlane", ())),
    )


def _check_graph(parsed: list[tuple[Unit, dict]], names: list[str], problems: _Problems) -> None:
    seen: set[str] = set()
    for unit, raw in parsed:
        if unit.name in seen:
            problems.add("duplicate-unit", f"unit {unit.name!r} is listed twice", value_pos(raw, "name"))
        seen.add(unit.name)
        for i, dep in enumerate(unit.depends_on):
            if dep not in names:
                problems.add("unknown-unit", f"unit {unit.name!r} depends on unknown unit {dep!r}",
                             value_pos(raw["dependsOn"], i), did_you_mean(dep, names))
            elif names.index(dep) >= names.index(unit.name):
                problems.add("unit-order", f"unit {unit.name!r} is listed before its prerequisite {dep!r}",
                             value_pos(raw["dependsOn"], i), "units must be in dependency order (no cycles)")


def with_prerequisites(plan: DeployPlan, units: tuple[str, ...] = (), zones: tuple[str, ...] = ()) -> list[str]:
    """The units asked for by name or zone, plus everything they need, in plan order; all of them if none asked."""
    if not units and not zones:
        return plan.names()
    _check_selection(plan, units, zones)
    wanted = {u.name for u in plan.units if u.name in units or u.zone in zones}
    for unit in reversed(plan.units):  # plan order is topological, so one backward pass closes the set
        if unit.name in wanted:
            wanted.update(unit.depends_on)
    return [name for name in plan.names() if name in wanted]


def _check_selection(plan: DeployPlan, units: tuple[str, ...], zones: tuple[str, ...]) -> None:
    problems = _Problems(plan.path)
    for name in units:
        if name not in plan.names():
            problems.add(
                "unknown-selected-unit", f"no unit named {name!r} in the plan", hint=did_you_mean(name, plan.names())
            )
    for zone in zones:
        if zone not in plan.zones():
            problems.add("unknown-zone", f"no zone named {zone!r} in the plan", hint=did_you_mean(zone, plan.zones()))
    if problems.found:
        raise DiagnosticsError(problems.found)


def with_dependants(plan: DeployPlan, units: tuple[str, ...] = (), zones: tuple[str, ...] = ()) -> list[str]:
    """The units asked for by name or zone, plus every unit that depends on them (what goes with them when they
    are torn down), in plan order; all of them if none asked."""
    if not units and not zones:
        return plan.names()
    _check_selection(plan, units, zones)
    wanted = {u.name for u in plan.units if u.name in units or u.zone in zones}
    for unit in plan.units:  # plan order is topological, so one forward pass closes the set
        if wanted & set(unit.depends_on):
            wanted.add(unit.name)
    return [name for name in plan.names() if name in wanted]


def selection_reasons(plan: DeployPlan, selected: list[str], units: tuple[str, ...] = (),
                      zones: tuple[str, ...] = (), *, reverse: bool = False) -> dict[str, str]:
    """Why each unit of ``selected`` that was not asked for is in it: ``unit -> reason`` naming the unit that
    needs it (or, with ``reverse``, the unit it needs), nearest first."""
    asked = [u.name for u in plan.units if u.name in units or u.zone in zones]
    by_name = {u.name: u for u in plan.units}
    reasons: dict[str, str] = {}
    chosen = set(selected)
    for name in asked:  # breadth first from each asked-for unit: the nearest reason wins
        frontier = [name]
        while frontier:
            current = frontier.pop(0)
            if reverse:
                nxt = [u.name for u in plan.units if current in u.depends_on and u.name in chosen]
            else:
                nxt = [d for d in by_name[current].depends_on if d in chosen]
            for other in nxt:
                if other in asked or other in reasons:
                    continue
                link = f"it depends on {current}" if reverse else f"{current} depends on it"
                reasons[other] = link if current == name else f"{link} (for {name})"
                frontier.append(other)
    return reasons


def override_subscriptions(plan: DeployPlan, overrides: dict[str, str]) -> DeployPlan:
    """Deploy a zone's units to another subscription (``zone -> subscription ID``)."""
    problems = _Problems(plan.path)
    for zone, sub in sorted(overrides.items()):
        if zone not in plan.zones():
            problems.add("unknown-zone", f"--subscription names unknown zone {zone!r}",
                         hint=did_you_mean(zone, plan.zones()))
        if not is_subscription_id(sub):
            problems.add("invalid-subscription", f"--subscription {zone}={sub}: not a subscription ID")
    if problems.found:
        raise DiagnosticsError(problems.found)
    units = tuple(replace(u, subscription_id=overrides.get(u.zone, u.subscription_id)) for u in plan.units)
    return replace(plan, units=units)
