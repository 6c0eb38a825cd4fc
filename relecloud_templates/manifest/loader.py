"""Load a manifest: YAML with positions -> schema -> model -> meaning. Every problem found, all at once."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError, Severity, sorted_diagnostics
from relecloud_templates.fsutil import read_input_text
from relecloud_templates.located import LocatedDict, Pos, pos_of, value_pos
from relecloud_templates.manifest import addresses
from relecloud_templates.manifest.build import build_model
from relecloud_templates.manifest.defaults import apply_defaults
from relecloud_templates.manifest.checks import check_manifest
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.manifest.problems import problem
from relecloud_templates.manifest.schema import check_schema, defaults_keys
from relecloud_templates.manifest.yamlpos import load_yaml


def read_manifest(path: str | Path, text: str | None = None) -> tuple[Manifest | None, list[Diagnostic]]:
    """The model (None when it could not be built) and every problem found, sorted by position."""
    shown = str(path)
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
    apply_defaults(doc, defaults_keys())
    problems = check_schema(doc, shown)
    allocations, address_problems = _allocate(doc, shown, path)
    problems += address_problems
    if any(d.name == "wrong-type" for d in problems):
        # The meaning checks compare, hash and join names and ranges: a value of the wrong type would break
        # them, not merely make them report nonsense. The schema problems already say what to fix first.
        return None, sorted_diagnostics(problems)
    try:
        manifest = build_model(doc, shown, allocations)
    except (KeyError, TypeError, AttributeError, ValueError):
        # The schema problems above already say why; the meaning checks need a whole model.
        return None, sorted_diagnostics(problems)
    at_schema_problem = {(d.location.line, d.location.column) for d in problems}
    for found in check_manifest(manifest, doc):
        # A value the schema already rejected is not reported twice.
        if (found.location.line, found.location.column) not in at_schema_problem:
            problems.append(found)
    return (None if problems and any(d.severity == Severity.ERROR for d in problems) else manifest), sorted_diagnostics(problems)


def _allocate(doc: LocatedDict, path: str, manifest_path: str | Path) -> tuple[tuple, list[Diagnostic]]:
    """Pool ranges for the landing zones that do not write their own address space (the record beside the
    manifest is read only then)."""
    listed = doc.get("landingZones")
    zones = [z for z in listed if isinstance(z, LocatedDict) and isinstance(z.get("name"), str)] if isinstance(listed, list) else []
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
                hint="write network.addressSpace for the zone, or declare addressing.pool (e.g. `addressing: {pool: 10.64.0.0/10}`)",
            )
            for z in wanted
        ]
    explicit = []
    for zone in [doc.get("managementZone"), *zones]:
        network = zone.get("network") if isinstance(zone, LocatedDict) else None
        if isinstance(network, LocatedDict) and isinstance(network.get("addressSpace"), str):
            explicit.append(network["addressSpace"])
    recorded, record_problems = addresses.read_record(manifest_path)
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


def load_manifest(path: str | Path) -> Manifest:
    """The model of the manifest at ``path``; raises DiagnosticsError with every error-level problem."""
    manifest, problems = read_manifest(path)
    if manifest is None:
        raise DiagnosticsError(problems)
    return manifest
