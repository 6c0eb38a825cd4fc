"""The estate's data paths for people (``plan --access``, a section of ``--explain``) and programs (``plan --json``):
every write and read, with its identity, role, scope, network path and approval, and the unit behind each part."""

from __future__ import annotations

from typing import Any

from relecloud_templates.plan.dataflow import READ, SCAN, WRITE, Edge, Part
from relecloud_templates.plan.model import Plan

DEPLOY = " (deploy performs it)"


def paths_summary(plan: Plan) -> str:
    edges = plan.edges
    count = {kind: sum(1 for e in edges if e.kind == kind) for kind in (WRITE, READ, SCAN)}
    across = sum(1 for e in edges if e.cross_zone)
    complete = sum(1 for e in edges if e.complete)
    scans = f", {count[SCAN]} scans by Purview" if count[SCAN] else ""
    return (f"data paths: {len(edges)} ({count[WRITE]} writes, {count[READ]} reads{scans}, {across} across zones); "
            f"{complete} with a grant, a network path and an approval")


def paths_text(plan: Plan) -> list[str]:
    """Each edge: what moves, then identity, grant, network path and approval, each with its unit."""
    lines = [paths_summary(plan)]
    for edge in plan.edges:
        lines.append("")
        lines.extend(edge_lines(edge))
    return lines


def edge_lines(edge: Edge) -> list[str]:
    across = "  [across zones]" if edge.cross_zone else ""
    if edge.kind == SCAN:  # a reader path of the whole account
        head = f"{edge.workload} scans {edge.store.account} (every container; a reader path)"
    else:
        what = f"reads {edge.source} from" if edge.kind == READ else "writes"
        head = f"{edge.workload} {what} {edge.store.account}/{edge.store.container}"
    lines = [head + across]
    if edge.principal is None:
        lines.append(f"  identity: none: {edge.grant.missing}")
        return lines
    principal = edge.principal
    lines.append(f"  identity: {principal.kind} {principal.name} (system-assigned)  [{principal.unit}]")
    for label, part in (("grant", edge.grant), ("network", edge.path), ("approval", edge.approval)):
        lines.append(f"  {label + ':':9} {_part(part)}")
    return lines


def _part(part: Part) -> str:
    if part.unit is None:
        return f"MISSING: {part.missing}"
    return f"{part.text}{DEPLOY if part.data_plane else ''}  [{part.unit}]"


def paths_json(plan: Plan) -> list[dict[str, Any]]:
    return [edge_json(edge) for edge in plan.edges]


def edge_json(edge: Edge) -> dict[str, Any]:
    principal = edge.principal
    return {
        "kind": edge.kind, "workload": edge.workload, "engine": edge.engine, "reads": edge.source,
        "acrossZones": edge.cross_zone, "complete": edge.complete,
        "store": {"zone": edge.store.zone, "account": edge.store.account, "container": edge.store.container or None,
                  "accountId": edge.store.account_id, "scope": edge.store.scope_id, "unit": edge.store.unit},
        "identity": None if principal is None else {
            "kind": principal.kind, "type": principal.type, "name": principal.name, "zone": principal.zone,
            "resourceGroup": principal.resource_group, "unit": principal.unit},
        "role": edge.role,
        "grant": _part_json(edge.grant), "networkPath": _part_json(edge.path), "approval": _part_json(edge.approval),
    }


def _part_json(part: Part) -> dict[str, Any]:
    return {"text": part.text, "unit": part.unit, "dataPlane": part.data_plane, "missing": part.missing or None}
