"""Load a manifest: YAML with positions -> schema -> model -> meaning. Every problem found, all at once."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from pathlib import Path

from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError, Severity, sorted_diagnostics
from relecloud_templates.fsutil import read_input_text
from relecloud_templates.located import LocatedDict, Pos, value_pos
from relecloud_templates.manifest import addresses, environments
from relecloud_templates.manifest.build import build_model
from relecloud_templates.manifest.checks import check_manifest
from relecloud_templates.manifest.defaults import apply_defaults
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.manifest.problems import problem
from relecloud_templates.manifest.schema import check_schema, defaults_keys
from relecloud_templates.manifest.yamlpos import load_yaml


def read_manifest(path: str | Path, text: str | None = None,
                  env: str | None = None) -> tuple[Manifest | None, list[Diagnostic]]:
    """The model (None when it could not be built) and every problem found, sorted by position.

    A manifest with an ``environments:`` section is checked for ``env`` (and the environments it peers with)
    when one is named, else for every environment; the model returned is then the one of ``env``, or of the
    default environment (``organization.environment`` when it is defined, else the first). Problems that only
    some environments have say which.
    """
    models, wanted, problems = _read(path, text, env)
    failed = any(d.severity == Severity.ERROR for d in problems)
    return (None if failed or wanted not in models else models[wanted]), problems


def read_environments(path: str | Path, env: str | None = None) -> tuple[list[Manifest], list[Diagnostic]]:
    """The model of each environment (just ``env`` when named; the one model of a manifest without
    environments), or none when any error was found, and every problem."""
    models, wanted, problems = _read(path, None, env)
    if any(d.severity == Severity.ERROR for d in problems):
        return [], problems
    chosen = [wanted] if env is not None or wanted is None else list(models)
    return [models[name] for name in chosen if models.get(name) is not None], problems  # type: ignore[misc]


def _read(path: str | Path, text: str | None,
          env: str | None) -> tuple[dict[str | None, Manifest | None], str | None, list[Diagnostic]]:
    """(model per environment checked, the environment wanted, every problem)."""
    shown = str(path)
    doc, problems = _parse(path, shown, text)
    if doc is None:
        return {}, None, problems
    environments.normalize(doc)
    defined = environments.names(doc)
    if env is not None and env not in defined:
        if defined or _written_environment(doc) != env:
            return {}, None, [environments.unknown(doc, env, shown)]
        env = None  # `--env dev` on a manifest that only describes dev
    if not defined:
        model, problems = _read_one(doc, shown, path, None)
        return {None: model}, None, problems
    problems = environments.check_references(doc, shown)
    checked = _environments_to_check(doc, env)
    results = {name: _read_one(environments.resolve(doc, name), shown, path, name) for name in checked}
    problems += _merged_problems({name: found for name, (_, found) in results.items()})
    for first, second in environments.peering_pairs(doc):
        if first in results and second in results and (env is None or env in (first, second)):
            a, b = results[first][0], results[second][0]
            if a is not None and b is not None:
                problems += environments.check_peered(first, a, second, b, doc, shown)
    models: dict[str | None, Manifest | None] = {name: model for name, (model, _) in results.items()}
    return models, env or environments.default_name(doc), sorted_diagnostics(_unique(problems))


def _parse(path: str | Path, shown: str, text: str | None) -> tuple[LocatedDict | None, list[Diagnostic]]:
    if text is None:
        try:
            text = read_input_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return None, [problem("yaml-syntax", f"cannot read the manifest: {reason}", shown, Pos(0, 0))]
    try:
        doc = load_yaml(text, shown)
    except DiagnosticsError as exc:
        return None, exc.diagnostics
    if not isinstance(doc, LocatedDict):
        return None, [problem("wrong-type", "the manifest must be a mapping (key: value lines)", shown, Pos(1, 1))]
    return doc, []


def _written_environment(doc: LocatedDict) -> object:
    organization = doc.get("organization")
    return organization.get("environment") if isinstance(organization, dict) else None


def _environments_to_check(doc: LocatedDict, env: str | None) -> list[str]:
    """``env`` and the environments it peers with (their ranges must not overlap), or every environment."""
    if env is None:
        return list(environments.names(doc))
    peers = {name for pair in environments.peering_pairs(doc) if env in pair for name in pair}
    return [name for name in environments.names(doc) if name == env or name in peers]


def _merged_problems(found: dict[str, list[Diagnostic]]) -> list[Diagnostic]:
    """Each environment's problems once: those every checked environment shares as they are, the others
    saying which environments they concern."""
    seen: dict[tuple, list[str]] = {}
    first: dict[tuple, Diagnostic] = {}
    for name, problems in found.items():
        for diagnostic in problems:
            key = (diagnostic.code, diagnostic.location, diagnostic.message)
            seen.setdefault(key, []).append(name)
            first.setdefault(key, diagnostic)
    shared = {(code, location) for (code, location, _), names in seen.items() if len(names) == len(found)}
    merged = []
    for key, names in seen.items():
        diagnostic = first[key]
        if len(names) < len(found):
            if (key[0], key[1]) in shared:
                continue  # the environment's override itself is at fault, and that is reported once already
            label = "environment" if len(names) == 1 else "environments"
            diagnostic = replace(diagnostic, message=f"{label} {', '.join(names)}: {diagnostic.message}")
        merged.append(diagnostic)
    return merged


def _unique(problems: list[Diagnostic]) -> list[Diagnostic]:
    return list({(d.code, d.location, d.message): d for d in problems}.values())


def _read_one(doc: LocatedDict, shown: str, path: str | Path,
              env: str | None) -> tuple[Manifest | None, list[Diagnostic]]:
    """One environment's document (or the only one): defaults, schema, pool ranges, model, meaning."""
    apply_defaults(doc, defaults_keys())
    problems = check_schema(doc, shown)
    allocations, address_problems = _allocate(doc, shown, path, env)
    problems += address_problems
    if any(d.name == "wrong-type" for d in problems):
        # The meaning checks compare, hash and join names and ranges: a value of the wrong type would break
        # them, not merely make them report nonsense. The schema problems already say what to fix first.
        return None, sorted_diagnostics(problems)
    try:
        manifest = build_model(doc, shown, allocations, env, environments.names(doc))
    except (KeyError, TypeError, AttributeError, ValueError):
        # The schema problems above already say why; the meaning checks need a whole model.
        return None, sorted_diagnostics(problems)
    at_schema_problem = {(d.location.line, d.location.column) for d in problems}
    for found in check_manifest(manifest, doc):
        # A value the schema already rejected is not reported twice.
        if (found.location.line, found.location.column) not in at_schema_problem:
            problems.append(found)
    return (None if problems and any(d.severity == Severity.ERROR for d in problems) else manifest), sorted_diagnostics(
        problems
    )


def _allocate(doc: LocatedDict, path: str, manifest_path: str | Path,
              env: str | None = None) -> tuple[tuple, list[Diagnostic]]:
    """Pool ranges for the landing zones that do not write their own address space (the record beside the
    manifest is read only then)."""
    listed = doc.get("landingZones")
    zones = (
        [z for z in listed if isinstance(z, LocatedDict) and isinstance(z.get("name"), str)]
        if isinstance(listed, list)
        else []
    )
    wanted = [z for z in zones if not isinstance(z.get("network"), LocatedDict) or "addressSpace" not in z["network"]]
    if not wanted:
        return (), []
    addressing = doc.get("addressing")
    if not isinstance(addressing, LocatedDict) or not isinstance(addressing.get("pool"), str):
        return (), [
            problem(
                "address-pool",
                f"landing zone {z['name']!r} has no network.addressSpace and the manifest declares no addressing.pool",
                path,
                value_pos(z, "name"),
                hint="write network.addressSpace for the zone, or declare addressing.pool "
                "(e.g. `addressing: {pool: 10.64.0.0/10}`)",
            )
            for z in wanted
        ]
    explicit = []
    for zone in [doc.get("managementZone"), *zones]:
        network = zone.get("network") if isinstance(zone, LocatedDict) else None
        if isinstance(network, LocatedDict) and isinstance(network.get("addressSpace"), str):
            explicit.append(network["addressSpace"])
    recorded, record_problems = addresses.read_record(manifest_path, env)
    if record_problems:
        return (), record_problems
    try:
        taken = [str(ipaddress.ip_network(cidr)) for cidr in explicit if _is_network(cidr)]
        found = addresses.allocate(
            addressing["pool"], addressing.get("zoneSize", 16), [z["name"] for z in wanted], taken, recorded
        )
    except addresses.PoolExhausted as exc:
        return (), [problem("address-pool", str(exc), path, value_pos(addressing, "pool"),
                            hint="widen the pool, lower addressing.zoneSize, or give some zones explicit ranges")]
    except (ValueError, TypeError):
        return (), []  # an invalid pool or size is a schema or CIDR problem reported elsewhere
    return tuple((a.zone, a.cidr, a.new) for a in found), []


def _is_network(text: str) -> bool:
    try:
        ipaddress.ip_network(text)
    except ValueError:
        return False
    return True


def load_manifest(path: str | Path, env: str | None = None) -> Manifest:
    """The model of the manifest at ``path`` (for environment ``env``, see read_manifest); raises
    DiagnosticsError with every error-level problem."""
    manifest, problems = read_manifest(path, env=env)
    if manifest is None:
        raise DiagnosticsError(problems)
    return manifest
