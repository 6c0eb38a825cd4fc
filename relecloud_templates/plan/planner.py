"""Manifest -> plan: the deployment units, the services each keeps or prunes and why, and their order.

Order of planning: the management zone's network first (every landing zone routes and resolves through its
firewall), then each landing zone and its workloads, then the management zone's services, which depend on
what every other unit kept (DNS zones, firewall rules).
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.arm.graph import topological_order
from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.manifest.problems import problem
from relecloud_templates.plan import access, administrators, parameters, reference
from relecloud_templates.plan.dataflow import read_sources, workloads
from relecloud_templates.plan.estate import Estate
from relecloud_templates.plan.landing import LandingZonePlanner
from relecloud_templates.plan.management import ManagementPlanner, allocate_network
from relecloud_templates.plan.model import Plan, PlannedUnit
from relecloud_templates.plan.network import AddressSpaceExhausted
from relecloud_templates.plan.placement import owns_unit
from relecloud_templates.plan.workload import WorkloadPlanner


def build_plan(manifest: Manifest) -> Plan:
    """The plan of ``manifest``; raises DiagnosticsError (located in the manifest) when it cannot be planned."""
    estate = Estate(manifest)
    problems = []
    try:
        mgmt_allocation = allocate_network(estate)
    except AddressSpaceExhausted as exc:
        raise DiagnosticsError([_exhausted(manifest, manifest.management_zone.network.pos, exc)]) from None
    zones = {z.name: z for z in manifest.landing_zones}
    peers_of: dict[str, list[str]] = {z.name: [] for z in manifest.landing_zones}
    for earlier, later in manifest.landing_zone_peerings():
        peers_of[later].append(earlier)
    units: list[PlannedUnit] = []
    tags: dict[str, dict[str, str]] = {}
    for zone in manifest.landing_zones:
        try:
            unit = LandingZonePlanner(estate, zone, [zones[p] for p in peers_of[zone.name]]).plan()
        except AddressSpaceExhausted as exc:
            problems.append(_exhausted(manifest, zone.network.pos, exc))
            continue
        unit.depends_on = [manifest.management_zone.name, *peers_of[zone.name]]
        units.append(unit)
        tags[unit.name] = zone.tags or manifest.organization.tags
        for workload in zone.workloads:
            if not owns_unit(workload):
                continue  # runs wholly on its zone's shared engine: the landing zone's unit holds what it needs
            workload_unit = WorkloadPlanner(estate, zone, workload).plan()
            # Products deploy after what they read (the unit of the source, or of its zone when it has none), so
            # that their pipelines find their sources.
            reads = [source_unit(manifest, *source) for source in read_sources(manifest, workload)]
            workload_unit.depends_on = [unit.name, *reads]
            units.append(workload_unit)
            tags[workload_unit.name] = workload.tags or tags[unit.name]
    if problems:
        raise DiagnosticsError(problems)
    mgmt = ManagementPlanner(estate, units, mgmt_allocation).plan()
    tags[mgmt.name] = manifest.organization.tags
    units.insert(0, mgmt)
    edges, problems = access.apply(estate, units)
    if problems:
        raise DiagnosticsError(problems)
    administrators.apply(manifest, units)
    for unit in units:
        unit.parameter_values = parameters.values(manifest, unit, tags[unit.name])
    for unit in units:
        unit.reference = [item for repository in unit.follows for item in reference.items_of(repository)]
    anchors = {zone: estate.anchors(zone) for zone in dict.fromkeys(u.zone for u in units)}
    mgmt_name = manifest.management_zone.name
    peerings = [*((mgmt_name, z.name) for z in manifest.landing_zones), *manifest.landing_zone_peerings()]
    return Plan(manifest.path, _ordered(manifest, units), anchors, workloads(manifest, units), peerings,
                manifest.peering.topology, reference.unused_repositories({r for u in units for r in u.follows}),
                edges)



def source_unit(manifest: Manifest, zone: str, name: str) -> str:
    """The unit that deploys what a workload reads from ``zone``/``name``: its own, or its zone's."""
    source = manifest.find_workload(name, zone)
    return naming.unit_name(zone, name) if source is not None and owns_unit(source) else naming.unit_name(zone)


def _ordered(manifest: Manifest, units: list[PlannedUnit]) -> list[PlannedUnit]:
    """A topological order that keeps manifest order among independent units."""
    by_name = {u.name: u for u in units}
    for unit in units:
        unit.depends_on = [d for d in dict.fromkeys(unit.depends_on) if d in by_name and d != unit.name]
    order, blocked = topological_order([u.name for u in units], lambda name: by_name[name].depends_on)
    ordered = [by_name[name] for name in order]
    if blocked:
        stuck = sorted(blocked)
        raise DiagnosticsError([problem("dependency-cycle", f"products read each other in a cycle: {', '.join(stuck)}",
                                        manifest.path, manifest.landing_zones[0].pos,
                                        "a product cannot read (directly or not) a product that reads it")])
    return ordered


def _exhausted(manifest: Manifest, pos, exc: AddressSpaceExhausted):
    return problem("subnet-outside-network", str(exc), manifest.path, pos,
                   "widen the zone's network.addressSpace or write fewer explicit subnets")
