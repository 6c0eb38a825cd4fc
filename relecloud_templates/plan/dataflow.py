"""How data moves through the planned estate: which lake layers each workload writes, and what each product reads.

Taken from what the planner decided (a workload writes a lake layer when the layer's service holds a container
for it), so that ``--explain`` and the diagram show the same facts that render deploys.
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.manifest.model import Integration, Manifest, Product
from relecloud_templates.plan.landing import LAKES
from relecloud_templates.plan.model import Unit, Workload
from relecloud_templates.plan.placement import on_shared_engine

LAKE_KEYS = tuple(key for key, _, _ in LAKES)


def read_sources(manifest: Manifest, workload: Integration | Product) -> list[tuple[str, str]]:
    """(zone, name) of each integration or product that ``workload`` reads, aliases resolved, in manifest order."""
    if not isinstance(workload, Product):
        return []
    found = []
    for ref in workload.reads:
        zone = ref.zone or workload.zone
        source = manifest.find_workload(ref.name, zone)
        if source is not None and source is not workload:
            found.append((zone, source.name))
    return list(dict.fromkeys(found))


def workloads(manifest: Manifest, units: list[Unit]) -> list[Workload]:
    """Every integration and product of ``manifest`` with its unit, the lake layers it writes and what it reads."""
    by_name = {u.name: u for u in units}
    result = []
    for item in manifest.workloads():
        zone_unit = by_name.get(naming.unit_name(item.zone))
        lakes = [s for s in zone_unit.kept if s.key in LAKE_KEYS] if zone_unit else []
        writes = tuple(lake.key for lake in lakes
                       if any(i.kind == "container" and i.kept and i.name == item.name for i in lake.items))
        unit = naming.unit_name(item.zone, item.name)
        result.append(Workload(
            zone=item.zone, name=item.name, kind="product" if isinstance(item, Product) else "integration",
            engine=item.engine, unit=unit if unit in by_name else None, writes=writes,
            reads=tuple(read_sources(manifest, item)), consumers=tuple(getattr(item, "consumers", ())),
            description=item.description, runs_on=_engine(item, by_name),
        ))
    return result


def _engine(item: Integration | Product, units: dict[str, Unit]) -> tuple[str, str] | None:
    """(unit, service key) of the engine that runs the workload's pipelines, when the plan keeps it."""
    own, zone = naming.unit_name(item.zone, item.name), naming.unit_name(item.zone)
    if item.engine == "machineLearning":
        candidate = (own, "machineLearning")
    elif item.engine == "databricks":
        candidate = (zone, "databricksProduct" if isinstance(item, Product) else "databricksIntegration")
    else:
        candidate = (zone if on_shared_engine(item) else own, item.engine)
    unit = units.get(candidate[0])
    service = unit.service(candidate[1]) if unit is not None else None
    return candidate if service is not None and service.kept else None
