"""The plan as data: deployment units, the services each keeps or prunes, and why.

A service is one Jinja2 module (``templates/<family>/<module>.json.j2``) deployed as one nested deployment into
one resource group. Dropping a service drops everything the module would have contributed: resources, private
endpoints, role assignments, diagnostic settings, parameters, outputs and the dependencies on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.services.common import DIAGNOSTICS, LOG_ANALYTICS
from relecloud_templates.services.spec import ServiceSpec, check_context

UNIT_KINDS = ("managementZone", "landingZone", "integration", "product")


@dataclass(frozen=True)
class Item:
    """A part inside a service that is kept or pruned on its own: a DNS zone, a subnet, a firewall rule, ..."""

    kind: str  # "privateDnsZone", "subnet", "firewallRules", "container", ...
    name: str
    kept: bool
    reasons: tuple[str, ...]


@dataclass
class Service:
    key: str  # unique within the unit, camelCase; also the nested deployment's suffix
    title: str  # for people: "Data lake (raw)"
    module: str  # template path below templates/, e.g. "landing/lake.json.j2"
    reasons: list[str]  # why it is kept, or (when pruned) why nothing needs it
    kept: bool = True
    resource_group: str | None = None  # target resource group (None: the unit's own scope)
    subscription_param: str | None = None  # the unit parameter holding the target's subscription, when remote
    after: list[str] = field(default_factory=list)  # keys of services in the same unit to deploy first
    context: dict[str, Any] = field(default_factory=dict)  # what the template needs
    items: list[Item] = field(default_factory=list)
    spec: ServiceSpec | None = field(default=None, compare=False, repr=False)  # what the module is (services/)
    # Steps ARM cannot express (no resource type for them), which deploy performs after the unit: each a dict
    # with "action", "scope", "role", "principal", "why" and what the action needs (deploy/dataplane.py).
    data_plane: list[dict[str, Any]] = field(default_factory=list)


class ServiceCollector:
    """What every unit planner shares: the list of candidate services, each kept with reasons or pruned with one."""

    def __init__(self) -> None:
        self.services: list[Service] = []

    def add(self, spec: ServiceSpec, reasons: list[str], pruned_because: str = "", *, key: str | None = None,
            title: str | None = None, resource_group: str | None = None, after: tuple[str, ...] = (),
            **context: Any) -> Service:
        """A candidate service of the unit: kept when ``reasons`` says why, else pruned ``pruned_because``.
        ``context`` is what its template reads and must match its spec's fields (SpecError otherwise)."""
        check_context(spec, context)
        service = Service(key or spec.key, title or spec.title, spec.template, list(reasons) or [pruned_because],
                          kept=bool(reasons), resource_group=resource_group, after=list(after), context=context,
                          spec=spec)
        if DIAGNOSTICS in spec.includes and LOG_ANALYTICS.key not in service.after:
            # Its diagnostic settings name the unit's workspace by resource ID, which orders nothing; Azure Monitor
            # checks the destination when a setting is written, so the workspace must exist first. The composer
            # keeps this only where the unit itself deploys the workspace (others get it from an earlier unit).
            service.after.append(LOG_ANALYTICS.key)
        self.services.append(service)
        return service


@dataclass
class PlannedUnit:
    name: str
    kind: str  # one of UNIT_KINDS
    zone: str
    scope: str  # "subscription" | "resourceGroup"
    subscription_id: str
    resource_group: str | None
    location: str
    deployment_name: str
    depends_on: list[str] = field(default_factory=list)  # unit names
    services: list[Service] = field(default_factory=list)  # kept and pruned, in deployment order
    resource_groups: list[str] = field(default_factory=list)  # created by this unit (subscription scope only)
    parameter_values: dict[str, Any] = field(default_factory=dict)  # non-secret values, by parameter name
    anchors: dict[str, Any] = field(default_factory=dict)  # overrides of its zone's anchors (its own logging)
    # Modules of the reference template the unit follows that relecloud does not render, with the reason
    # (plan/reference.py); the ones it does render are its services.
    reference: list[Item] = field(default_factory=list)
    follows: list[str] = field(default_factory=list)  # the reference repositories whose services it holds
    description: str = ""

    @property
    def kept(self) -> list[Service]:
        return [s for s in self.services if s.kept]

    @property
    def pruned(self) -> list[Service]:
        return [s for s in self.services if not s.kept]

    @property
    def data_plane(self) -> list[dict[str, Any]]:
        """What deploy performs after the unit's deployment, in service order."""
        return [step for service in self.kept for step in service.data_plane]

    def service(self, key: str) -> Service | None:
        return next((s for s in self.services if s.key == key), None)


@dataclass(frozen=True)
class Workload:
    """An integration or product as the plan sees it: where it runs and how its data moves through the lake."""

    zone: str
    name: str
    kind: str  # "integration" | "product"
    engine: str
    unit: str | None  # its own deployment unit; None when it runs wholly on its zone's shared services
    writes: tuple[str, ...]  # keys of the lake services of its zone's unit that hold a container for it
    reads: tuple[tuple[str, str], ...] = ()  # (zone, name) of the workloads it reads, in manifest order
    consumers: tuple[str, ...] = ()  # what reads a product from outside the estate, e.g. "powerBI"
    description: str = ""
    # (unit, service key) of the engine its pipelines run on: the zone's shared one or its unit's own
    runs_on: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        return f"{self.zone}/{self.name}"


@dataclass
class Plan:
    manifest_path: str
    units: list[PlannedUnit]  # deterministic topological order
    anchors: dict[str, dict[str, Any]] = field(default_factory=dict)  # zone -> how its units reach the management zone
    workloads: list[Workload] = field(default_factory=list)  # every integration and product, in manifest order
    # Zones whose networks are peered: the management zone with each landing zone, then landing zone pairs.
    peerings: list[tuple[str, str]] = field(default_factory=list)
    topology: str = "mesh"  # how the manifest peers landing zones: mesh | hub-spoke | pairs
    # Reference repositories that no unit follows: every one of their modules is pruned (plan/reference.py).
    unused_reference: list[str] = field(default_factory=list)
    # Every write and read of data with its grant, network path and approval (plan/dataflow.py Edge).
    edges: list[Any] = field(default_factory=list)

    def unit(self, name: str) -> PlannedUnit | None:
        return next((u for u in self.units if u.name == name), None)

    def zone_units(self) -> list[PlannedUnit]:
        """The management zone's unit and each landing zone's unit, in plan order."""
        return [u for u in self.units if u.kind in ("managementZone", "landingZone")]

    def workload(self, zone: str, name: str) -> Workload | None:
        return next((w for w in self.workloads if w.zone == zone and w.name == name), None)

    def cross_zone_reads(self) -> list[tuple[Workload, tuple[str, str]]]:
        """(product, (zone, name) it reads) for every read that crosses a zone boundary, in manifest order."""
        return [(w, source) for w in self.workloads for source in w.reads if source[0] != w.zone]
