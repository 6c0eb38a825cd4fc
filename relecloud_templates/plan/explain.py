"""The plan for people (text) and for programs (JSON): per unit, what is kept and what is pruned, and why."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from relecloud_templates.plan.model import Item, Plan, PlannedUnit, Service, Workload
from relecloud_templates.plan.paths import paths_json, paths_summary, paths_text
from relecloud_templates.plan.steps import APPROVE, PURVIEW_ENDPOINT, PURVIEW_RUNTIME, SYNAPSE_ENDPOINT, describe

SPECIFIC = (APPROVE, SYNAPSE_ENDPOINT, PURVIEW_ENDPOINT, PURVIEW_RUNTIME)  # steps whose line says it all

KIND_LABELS = {"managementZone": "data management zone", "landingZone": "data landing zone",
               "integration": "data integration", "product": "data product"}


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return {"manifest": plan.manifest_path, "units": [_unit_json(u) for u in plan.units],
            "workloads": [_workload_json(plan, w) for w in plan.workloads],
            "unusedReference": list(plan.unused_reference), "access": paths_json(plan)}


def _workload_json(plan: Plan, workload: Workload) -> dict[str, Any]:
    """Where a workload's data lands (lake account and container, by service of its zone's unit), the engine its
    pipelines run on, and what it reads: the edges that data-plane access is granted along."""
    zone_unit = plan.unit(workload.zone)
    lands = []
    for key in workload.writes:
        lake = zone_unit.service(key) if zone_unit is not None else None
        if lake is not None:
            lands.append({"service": key, "account": lake.context["account"], "container": workload.name})
    runs_on = {"unit": workload.runs_on[0], "service": workload.runs_on[1]} if workload.runs_on else None
    return {"zone": workload.zone, "name": workload.name, "kind": workload.kind, "engine": workload.engine,
            "unit": workload.unit, "runsOn": runs_on, "landsIn": lands,
            "reads": [{"zone": zone, "name": name} for zone, name in workload.reads]}


def _unit_json(unit: PlannedUnit) -> dict[str, Any]:
    return {
        "name": unit.name, "kind": unit.kind, "zone": unit.zone, "scope": unit.scope,
        "subscriptionId": unit.subscription_id, "resourceGroup": unit.resource_group, "location": unit.location,
        "dependsOn": list(unit.depends_on), "resourceGroups": list(unit.resource_groups),
        "services": [_service_json(s) for s in unit.services],
        "reference": {"follows": list(unit.follows),
                      "notRendered": [{"module": i.name, "reason": i.reasons[0]} for i in unit.reference]},
    }


def _service_json(service: Service) -> dict[str, Any]:
    return {
        "key": service.key, "title": service.title, "kept": service.kept, "reasons": list(service.reasons),
        "resourceGroup": service.resource_group, "module": service.module,
        "items": [{"kind": i.kind, "name": i.name, "kept": i.kept, "reasons": list(i.reasons)} for i in service.items],
        "dataPlane": [dict(step) for step in service.data_plane],
    }


def summary(plan: Plan) -> list[str]:
    """The estate in a few lines: zones, units, services kept and pruned, cross-zone reads."""
    zones = plan.zone_units()
    landing = [u.zone for u in zones if u.kind == "landingZone"]
    kinds = {kind: sum(1 for u in plan.units if u.kind == kind) for kind in ("integration", "product")}
    kept = sum(len(u.kept) for u in plan.units)
    pruned = sum(len(u.pruned) for u in plan.units)
    reads = plan.cross_zone_reads()
    lines = [
        f"estate: {len(zones)} zones (management {', '.join(u.zone for u in zones if u.kind == 'managementZone')}; "
        f"{len(landing)} landing: {_names(landing)}), peered {plan.topology}",
        f"units: {len(plan.units)} ({len(zones)} zone, {kinds['integration']} integration, "
        f"{kinds['product']} product); services: {kept} kept, {pruned} pruned",
        f"cross-zone reads: {len(reads)}"
        + (f" ({_names([f'{w.label} <- {zone}/{name}' for w, (zone, name) in reads])})" if reads else ""),
        paths_summary(plan),
    ]
    return lines


def _names(names: list[str], shown: int = 6) -> str:
    return ", ".join(names if len(names) <= shown else [*names[:shown], f"{len(names) - shown} more"])


def explain(plan: Plan, *, verbose: bool = False) -> str:
    """Readable text: a summary, then each unit's kept services with their reasons, then what it pruned and why."""
    lines: list[str] = [*summary(plan), ""]
    for unit in plan.units:
        lines.extend(explain_unit(unit, verbose=verbose))
        lines.append("")
    lines.extend(paths_text(plan))
    lines.append("")
    kept = sum(len(u.kept) for u in plan.units)
    pruned = sum(len(u.pruned) for u in plan.units)
    for repository in plan.unused_reference:
        lines.append(f"{repository}: no unit follows this reference template: none of its modules is rendered")
    lines.append(f"{len(plan.units)} units: {kept} services kept, {pruned} pruned")
    return "\n".join(lines) + "\n"


def access(plan: Plan) -> str:
    """``plan --access``: every data path and what makes it work."""
    return "\n".join(paths_text(plan)) + "\n"


def explain_unit(unit: PlannedUnit, *, verbose: bool = False) -> list[str]:
    """One unit: where it deploys, after what, each kept service with its reasons, then each pruned one."""
    where = f"subscription {unit.subscription_id}"
    if unit.resource_group:
        where += f", resource group {unit.resource_group}"
    lines = [f"{unit.name}  ({KIND_LABELS[unit.kind]}; {where}; {unit.location})",
             f"  deploys after: {', '.join(unit.depends_on) or 'nothing'}"]
    for service in (*unit.kept, *unit.pruned):
        lines.extend(explain_service(service, verbose=verbose))
    if unit.reference:
        lines.append(f"  reference modules of {', '.join(unit.follows)} that relecloud does not render:")
        lines.extend(f"  {line}" for line in _items(unit.reference, verbose))
    return lines


def explain_service(service: Service, *, verbose: bool = False) -> list[str]:
    """``+ title`` with why it is kept (and its kept and pruned parts), or ``- title: pruned, why``."""
    if not service.kept:
        return [f"  - {service.title}: pruned, {'; '.join(service.reasons)}"]
    target = f"  [{service.resource_group}]" if service.resource_group else ""
    return [f"  + {service.title}{target}", *(f"      why: {reason}" for reason in service.reasons),
            *_items(service.items, verbose),
            *(f"      after deployment (data plane): {_step(step)}" for step in service.data_plane)]


def _step(step: dict[str, Any]) -> str:
    text = describe(step)
    return text if step.get("action") in SPECIFIC else f"{text}: {step.get('why')}"


def _items(items: list[Item], verbose: bool) -> list[str]:
    lines = []
    ordered = sorted(items, key=lambda i: (i.kind, not i.kept))
    for (kind, kept), group in groupby(ordered, key=lambda i: (i.kind, i.kept)):
        members = list(group)
        if kept:
            for item in members:
                why = ", ".join(item.reasons) if verbose or len(item.reasons) == 1 else f"{len(item.reasons)} users"
                lines.append(f"      {kind} + {item.name} ({why})")
            continue
        for reasons, same in groupby(sorted(members, key=lambda i: i.reasons), key=lambda i: i.reasons):
            names = [i.name for i in same]
            shown = names if verbose or len(names) <= 4 else [*names[:3], f"{len(names) - 3} more"]
            lines.append(f"      {kind} - {', '.join(shown)}: pruned, {'; '.join(reasons)}")
    return lines
