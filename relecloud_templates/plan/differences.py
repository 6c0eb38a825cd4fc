"""What differs between the environments of one manifest: settings of the resolved models, services kept.

Each environment's model is flattened into ``path -> value`` (paths as the manifest writes them, zones and
workloads by name) and the paths whose values differ are listed. Tags that zones and workloads inherit are
reported once, where they are written: a zone's tag that differs exactly as the organization's does is the
organization's difference, not a second one.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.model import Plan

# Model fields that are bookkeeping, not settings of the estate.
_SKIPPED = {"pos", "path", "env", "environments", "allocations", "subnet_pos", "description", "version"}
UNSET = "(unset)"


@dataclass(frozen=True)
class Difference:
    path: str
    values: dict[str, Any]  # environment -> value (None: not set there)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _flatten(value: Any, path: str, out: dict[str, Any]) -> None:
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name not in _SKIPPED and not field.name.endswith("_pos"):
                _flatten(
                    getattr(value, field.name), f"{path}.{_camel(field.name)}" if path else _camel(field.name), out
                )
    elif isinstance(value, dict):
        for key in sorted(value):
            _flatten(value[key], f"{path}.{key}", out)
    elif isinstance(value, (list, tuple)) and value and all(dataclasses.is_dataclass(v) and hasattr(v, "name")
                                                            for v in value):
        for item in value:
            _flatten(item, f"{path}.{item.name}", out)
    else:
        out[path] = list(value) if isinstance(value, tuple) else value


def settings(manifest: Manifest) -> dict[str, Any]:
    """``path -> value`` for every setting of one environment's model, pool ranges included."""
    found: dict[str, Any] = {}
    _flatten(manifest, "", found)
    for zone, cidr, _ in manifest.allocations:  # ranges taken from the pool are settings too
        found[f"landingZones.{zone}.network.addressSpace"] = cidr
    found.pop("organization.environment", None)  # differs by definition; said once, in the heading
    return found


def differences(planned: Sequence[tuple[Manifest, Plan]]) -> list[Difference]:
    """The settings and kept services that are not the same in every environment, in a stable order."""
    names = [m.env or m.organization.environment for m, _ in planned]
    flat = [settings(m) for m, _ in planned]
    for (_, plan), values in zip(planned, flat, strict=True):
        for unit in plan.units:
            values[f"units.{unit.name}.services"] = sorted(s.key for s in unit.kept)
            values[f"units.{unit.name}.location"] = unit.location
    found: list[Difference] = []
    for path in sorted(set().union(*flat)):
        values = {env: found_values.get(path) for env, found_values in zip(names, flat, strict=True)}
        if len({json.dumps(v, sort_keys=True) for v in values.values()}) > 1:
            found.append(Difference(path, values))
    return _without_inherited(found)


_INHERITED_TAG = re.compile(r"^(?P<owner>.+)\.tags\.(?P<key>[^.]+)$")


def _without_inherited(found: list[Difference]) -> list[Difference]:
    """Drop tag differences a zone or workload only inherits (same values as its parent's difference)."""
    by_path = {d.path: d.values for d in found}
    kept = []
    for difference in found:
        match = _INHERITED_TAG.match(difference.path)
        if match and match["owner"] != "organization":
            owner, key = match["owner"], match["key"]
            parents = [f"organization.tags.{key}"]
            if owner.count(".") >= 3:  # landingZones.<zone>.<integrations|products>.<name>: the zone first
                parents.insert(0, ".".join(owner.split(".")[:2]) + f".tags.{key}")
            if any(by_path.get(parent) == difference.values for parent in parents):
                continue
        kept.append(difference)
    return kept


def _shown(value: Any) -> str:
    if value is None:
        return UNSET
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return json.dumps(value)


def differences_text(planned: Sequence[tuple[Manifest, Plan]], manifest_path: str) -> str:
    """The report ``relecloud plan`` prints for a manifest with several environments."""
    names = [m.env or m.organization.environment for m, _ in planned]
    counts = sorted({len(p.units) for _, p in planned})
    units = f"{counts[0]} units each" if len(counts) == 1 else "units: " + ", ".join(
        f"{name} {len(p.units)}" for name, (_, p) in zip(names, planned, strict=True))
    lines = [f"Environments of {manifest_path}: {', '.join(names)} ({units}); resource names carry the "
             f"environment code ({', '.join(names)})", ""]
    found = differences(planned)
    if not found:
        lines.append("Nothing else differs between the environments.")
    else:
        lines.append("What differs:")
        rows = [["SETTING", *names]] + [[d.path, *(_shown(d.values[env]) for env in names)] for d in found]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            lines.append("  " + "   ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    lines += ["", "`relecloud plan --env NAME` shows one environment's units, what each keeps and prunes, and why."]
    return "\n".join(lines) + "\n"


def differences_json(planned: Sequence[tuple[Manifest, Plan]]) -> list[dict[str, Any]]:
    return [{"path": d.path, "values": d.values} for d in differences(planned)]
