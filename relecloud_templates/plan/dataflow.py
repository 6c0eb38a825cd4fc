"""How data moves through the planned estate: which lake layers each workload writes, and what each product reads.

Taken from what the planner decided (a workload writes a lake layer when the layer's service holds a container
for it), so that ``--explain`` and the diagram show the same facts that render deploys.
"""

from __future__ import annotations

from dataclasses import dataclass

from relecloud_templates import naming
from relecloud_templates.located import NOWHERE, Pos
from relecloud_templates.manifest.model import Integration, Manifest, Product
from relecloud_templates.plan.estate import Scope, subscription_param
from relecloud_templates.plan.landing import LAKES
from relecloud_templates.plan.model import PlannedUnit, Workload
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


def workloads(manifest: Manifest, units: list[PlannedUnit]) -> list[Workload]:
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


def _engine(item: Integration | Product, units: dict[str, PlannedUnit]) -> tuple[str, str] | None:
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


# -- edges: every write and every read, and the three things that make each work --------------------------------

WRITE, READ = "write", "read"
# A reader path of its own kind: the management zone's Purview scans a whole lake account (every container), for
# the catalogue, through its managed virtual network (plan/access.py, "_scanning").
SCAN = "scan"
ROLE_NAMES = {WRITE: "Storage Blob Data Contributor", READ: "Storage Blob Data Reader",
              SCAN: "Storage Blob Data Reader"}


@dataclass(frozen=True)
class Principal:
    """The managed identity that moves the data: the engine's own (system-assigned) identity."""

    kind: str  # for people: "Synapse workspace", "Databricks access connector", ...
    type: str  # the ARM type of the resource that holds the identity
    name: str
    zone: str
    resource_group: str
    unit: str  # the unit that renders it
    service: str  # the key of the service in that unit that renders it

    def as_context(self, from_subscription: str, zone_subscription: str) -> dict:
        """The principal as templates reference it, seen from a unit deployed in ``from_subscription``."""
        remote = subscription_param(self.zone) if zone_subscription != from_subscription else None
        return {"type": self.type, "name": self.name, "scope": Scope(self.resource_group, remote).as_context()}


@dataclass(frozen=True)
class Store:
    """Where an edge's data is: one container of one lake account (a scan: the whole account, ``container`` "")."""

    zone: str
    lake: str  # the lake service's key in the zone's unit
    account: str
    container: str
    resource_group: str
    subscription_id: str
    unit: str  # the unit that renders the lake

    @property
    def account_id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
                f"/providers/Microsoft.Storage/storageAccounts/{self.account}")

    @property
    def container_id(self) -> str:
        return f"{self.account_id}/blobServices/default/containers/{self.container}"

    @property
    def scope_id(self) -> str:
        """What the edge reaches: the container, or for a scan the account."""
        return self.container_id if self.container else self.account_id


@dataclass(frozen=True)
class Part:
    """One of the three things an edge needs, and the unit that renders it (ARM) or performs it (deploy, for
    what ARM cannot express: ``data_plane``). ``unit`` None: nothing can provide it (``missing`` says why)."""

    text: str
    unit: str | None
    data_plane: bool = False
    missing: str = ""


@dataclass(frozen=True)
class Edge:
    kind: str  # WRITE | READ | SCAN
    workload: str  # zone/name of the integration or product that moves the data (a scan: zone/purview)
    engine: str
    store: Store
    principal: Principal | None  # None: the engine has no identity in the plan
    grant: Part
    path: Part
    approval: Part
    source: str | None = None  # READ: zone/name of the integration or product read
    pos: Pos = NOWHERE  # where the manifest asks for it (the workload, or the `reads` entry)

    @property
    def role(self) -> str:
        return ROLE_NAMES[self.kind]

    @property
    def cross_zone(self) -> bool:
        return self.store.zone != self.workload.split("/")[0]

    @property
    def parts(self) -> tuple[Part, Part, Part]:
        return self.grant, self.path, self.approval

    @property
    def complete(self) -> bool:
        return self.principal is not None and all(p.unit is not None for p in self.parts)

    @property
    def label(self) -> str:
        if self.kind == SCAN:
            return f"{self.workload} scans {self.store.account}"
        what = f"reads {self.source}" if self.kind == READ else "writes"
        return f"{self.workload} {what} ({self.store.account}/{self.store.container})"
