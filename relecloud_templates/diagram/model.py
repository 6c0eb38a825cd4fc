"""What the diagram shows, taken from the plan: zones, their networks, units, lake layers, data flows, order.

Every format (Mermaid, SVG, HTML) draws this one view, so they cannot disagree; nothing here reads rendered files.
Element ids (``Node.id``) are stable across runs and formats: the HTML page links its explanations by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relecloud_templates.plan.dataflow import LAKE_KEYS
from relecloud_templates.plan.explain import explain_service, explain_unit, summary
from relecloud_templates.plan.model import Plan, PlannedUnit, Service, Workload

# Above this many landing zones, zones are drawn collapsed (one card each) unless asked otherwise.
COLLAPSE_ABOVE = 6
# Landing-zone-to-landing-zone peerings are drawn as lines up to this many; beyond it each zone lists its peers.
DRAWN_PEERINGS = 12
LAKE_LABELS = {"lakeRaw": "raw", "lakeEnrichedCurated": "enriched + curated", "lakeWorkspace": "workspace"}
CONSUMER_LABELS = {"powerBI": "Power BI"}
MANAGEMENT_COLOUR = "#1f3b73"
ZONE_COLOURS = ("#0b7a75", "#6a3fa0", "#2e7d32", "#b0500c", "#a8325e", "#2f63a8", "#7a6a00", "#8a3b12")


@dataclass(frozen=True)
class ServiceView:
    id: str
    key: str
    title: str
    kept: bool
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class UnitView:
    id: str
    name: str
    kind: str
    step: int  # 1-based deployment wave: every unit of a wave can deploy in parallel
    depends_on: tuple[str, ...]
    services: tuple[ServiceView, ...]
    explanation: tuple[str, ...]

    @property
    def kept(self) -> list[ServiceView]:
        return [s for s in self.services if s.kept]

    @property
    def pruned(self) -> list[ServiceView]:
        return [s for s in self.services if not s.kept]


@dataclass(frozen=True)
class WorkloadView:
    id: str
    zone: str
    name: str
    kind: str  # integration | product
    engine: str
    unit: UnitView | None  # None: runs wholly on its zone's shared services
    writes: tuple[str, ...]  # lake keys
    consumers: tuple[str, ...]
    description: str

    @property
    def label(self) -> str:
        return f"{self.zone}/{self.name}"


@dataclass(frozen=True)
class LakeView:
    id: str
    key: str
    label: str
    kept: bool
    explanation: tuple[str, ...]
    containers: tuple[str, ...]


@dataclass(frozen=True)
class Subnet:
    name: str
    cidr: str


@dataclass(frozen=True)
class Firewall:
    name: str
    tier: str
    private_ip: str
    egress: tuple[str, ...]  # rule collections kept
    dns_zones: int  # private DNS zones kept
    explanation: tuple[str, ...]


@dataclass
class ZoneView:
    id: str
    name: str
    kind: str  # management | landing
    colour: str
    subscription_id: str
    location: str
    vnet: str
    address_space: str
    subnets: tuple[Subnet, ...]
    unit: UnitView
    peers: tuple[str, ...]  # the zones its network is peered with
    firewall: Firewall | None = None
    lakes: tuple[LakeView, ...] = ()
    workloads: tuple[WorkloadView, ...] = ()
    collapsed: bool = False

    @property
    def units(self) -> list[UnitView]:
        return [self.unit, *(w.unit for w in self.workloads if w.unit is not None)]

    @property
    def integrations(self) -> list[WorkloadView]:
        return [w for w in self.workloads if w.kind == "integration"]

    @property
    def products(self) -> list[WorkloadView]:
        return [w for w in self.workloads if w.kind == "product"]

    @property
    def consumers(self) -> list[str]:
        return list(dict.fromkeys(c for w in self.products for c in w.consumers))


@dataclass(frozen=True)
class Flow:
    source: str  # element id
    target: str
    kind: str  # "writes" (integration -> lake), "transform" (lake -> lake), "reads" (lake -> product), "consumes"
    label: str
    cross_zone: bool = False


@dataclass
class EstateView:
    title: str
    topology: str
    zones: list[ZoneView]  # the management zone first, then the landing zones shown, in plan order
    peerings: list[tuple[str, str]]  # zone names, among the zones shown
    flows: list[Flow]
    steps: list[tuple[int, list[str]]]  # (deployment wave, the names of its units among the zones shown)
    summary: list[str]
    hidden_zones: list[str] = field(default_factory=list)  # landing zones left out by a focus
    focus: str | None = None

    @property
    def management(self) -> ZoneView:
        return self.zones[0]

    @property
    def landing(self) -> list[ZoneView]:
        return self.zones[1:]

    @property
    def drawn_peerings(self) -> list[tuple[str, str]]:
        """Landing-zone pairs drawn as lines (none when there are too many to read)."""
        mgmt = self.management.name
        pairs = [p for p in self.peerings if mgmt not in p]
        return pairs if len(pairs) <= DRAWN_PEERINGS else []

    def explanations(self) -> dict[str, list[str]]:
        """Element id -> what ``--explain`` says about it (the HTML page shows these)."""
        found: dict[str, list[str]] = {}
        for zone in self.zones:
            found[zone.id] = zone_explanation(zone)
            if zone.collapsed:  # its parts are not drawn: its card says all that --explain says of its units
                found[zone.id] += ["", *(line for unit in zone.units for line in (*unit.explanation, ""))]
                continue
            if zone.firewall:
                found[firewall_id(zone.name)] = list(zone.firewall.explanation)
            for unit in zone.units:
                found[unit.id] = list(unit.explanation)
                found.update((s.id, list(s.explanation)) for s in unit.services)
            for lake in zone.lakes:
                found[lake.id] = list(lake.explanation)
            for workload in zone.workloads:
                found[workload.id] = workload_explanation(workload)
        return found


def unit_id(name: str) -> str:
    return f"unit:{name}"


def zone_id(name: str) -> str:
    return f"zone:{name}"


def workload_id(zone: str, name: str) -> str:
    return f"workload:{zone}/{name}"


def lake_id(zone: str, key: str) -> str:
    return f"lake:{zone}/{key}"


def firewall_id(zone: str) -> str:
    return f"firewall:{zone}"


def consumer_id(zone: str, consumer: str) -> str:
    return f"consumer:{zone}/{consumer}"


def zone_of(element_id: str) -> str:
    """The zone an element id belongs to (``lake:billing/lakeRaw`` -> ``billing``)."""
    _, _, rest = element_id.partition(":")
    return rest.split("/", 1)[0]


def steps(plan: Plan) -> dict[str, int]:
    """Each unit's deployment wave: 1 for units that depend on nothing, else one after its latest dependency."""
    wave: dict[str, int] = {}
    for unit in plan.units:  # topological order: dependencies come first
        wave[unit.name] = 1 + max((wave[d] for d in unit.depends_on if d in wave), default=0)
    return wave


def build_view(plan: Plan, title: str, *, focus: str | None = None, collapse: bool | None = None) -> EstateView:
    """The diagram of ``plan``. ``focus`` names one landing zone to show in full beside the management zone and
    the zones it exchanges data with (collapsed); ``collapse`` forces collapsed (True) or full (False) zones,
    None decides by size."""
    zone_units = plan.zone_units()
    landing_names = [u.zone for u in zone_units if u.kind == "landingZone"]
    if focus is not None and focus not in landing_names:
        raise ValueError(focus)
    wave = steps(plan)
    units = {u.name: _unit_view(u, wave[u.name]) for u in plan.units}
    peers: dict[str, list[str]] = {u.zone: [] for u in zone_units}
    for a, b in plan.peerings:
        peers.setdefault(a, []).append(b)
        peers.setdefault(b, []).append(a)
    shown = set(landing_names)
    if focus is not None:
        related = {focus}
        for workload, (zone, _) in plan.cross_zone_reads():
            if focus in (workload.zone, zone):
                related |= {workload.zone, zone}
        shown = related
    many = len(shown) > COLLAPSE_ABOVE
    zones: list[ZoneView] = []
    colour_index = 0
    for unit in zone_units:
        if unit.kind == "landingZone":
            colour = ZONE_COLOURS[colour_index % len(ZONE_COLOURS)]
            colour_index += 1  # colours follow the plan, not the focus: a zone keeps its colour in every picture
            if unit.zone not in shown:
                continue
            if collapse is None:
                collapsed = many if focus is None else unit.zone != focus
            else:
                collapsed = collapse and unit.zone != focus
        else:
            colour, collapsed = MANAGEMENT_COLOUR, False
        workloads = [w for w in plan.workloads if w.zone == unit.zone]
        zones.append(_zone_view(unit, units, workloads, peers.get(unit.zone, []), colour, collapsed))
    names = {z.name for z in zones}
    hidden = [n for n in landing_names if n not in shown]
    notes = summary(plan)
    if focus is not None:
        notes.append(f"focus on {focus}: shown with the zones it reads from or feeds; "
                     f"{len(hidden)} other landing zone(s) not shown")
    return EstateView(
        title=title, topology=plan.topology, zones=zones,
        peerings=[p for p in plan.peerings if set(p) <= names],
        flows=_flows(plan, zones), steps=_waves(plan, wave, names), summary=notes, hidden_zones=hidden, focus=focus,
    )


def _waves(plan: Plan, wave: dict[str, int], zones: set[str]) -> list[tuple[int, list[str]]]:
    result: list[list[str]] = [[] for _ in range(max(wave.values(), default=0))]
    for unit in plan.units:
        if unit.zone in zones:
            result[wave[unit.name] - 1].append(unit.name)
    return [(step, names) for step, names in enumerate(result, 1) if names]


def _unit_view(unit: PlannedUnit, step: int) -> UnitView:
    services = tuple(ServiceView(f"service:{unit.name}/{s.key}", s.key, s.title, s.kept, tuple(explain_service(s)))
                     for s in unit.services)
    return UnitView(unit_id(unit.name), unit.name, unit.kind, step, tuple(unit.depends_on), services,
                    tuple(explain_unit(unit)))


def _zone_view(unit: PlannedUnit, units: dict[str, UnitView], workloads: list[Workload], peers: list[str], colour: str,
               collapsed: bool) -> ZoneView:
    network = unit.service("network")
    context = network.context if network is not None else {}
    subnets = tuple(Subnet(s["name"], s["cidr"]) for s in context.get("subnets", ()))
    zone = ZoneView(
        id=zone_id(unit.zone), name=unit.zone, kind="management" if unit.kind == "managementZone" else "landing",
        colour=colour, subscription_id=unit.subscription_id, location=unit.location,
        vnet=context.get("vnet", ""), address_space=context.get("address_space", ""), subnets=subnets,
        unit=units[unit.name], peers=tuple(peers), collapsed=collapsed,
    )
    if unit.kind == "managementZone":
        zone.firewall = _firewall(unit, network)
        return zone
    zone.lakes = tuple(_lake_view(unit.zone, s) for s in unit.services if s.key in LAKE_KEYS)
    zone.workloads = tuple(
        WorkloadView(workload_id(w.zone, w.name), w.zone, w.name, w.kind, w.engine,
                     units.get(w.unit) if w.unit else None, w.writes, w.consumers, w.description)
        for w in workloads)
    return zone


def _lake_view(zone: str, service: Service) -> LakeView:
    containers = tuple(i.name for i in service.items if i.kind == "container" and i.kept)
    return LakeView(lake_id(zone, service.key), service.key, LAKE_LABELS.get(service.key, service.title), service.kept,
                    tuple(explain_service(service)), containers)


def _firewall(unit: PlannedUnit, network: Service | None) -> Firewall | None:
    if network is None or not network.context.get("firewall"):
        return None
    context = network.context
    dns = unit.service("privateDnsZones")
    dns_zones = sum(1 for i in dns.items if i.kept) if dns is not None and dns.kept else 0
    egress = tuple(c["name"] for c in context.get("collections", ()))
    explanation = (f"Azure Firewall {context['firewall']} ({context.get('tier', '')}), private address "
                   f"{context.get('firewall_ip', '')}",
                   "  the DNS proxy of every zone: every VNet resolves names through it "
                   f"({dns_zones} private DNS zones linked to the management VNet)",
                   "  egress of every zone: each landing zone routes 0.0.0.0/0 to it",
                   f"  egress rule collections: {', '.join(egress) or 'none (no kept engine needs one)'}",
                   *explain_service(network))
    return Firewall(context["firewall"], context.get("tier", ""), context.get("firewall_ip", ""), egress, dns_zones,
                    explanation)


def published_layer(workload: Workload) -> str | None:
    """The lake layer where others read ``workload``'s data: the last layer it writes (workspace is private)."""
    shared = [key for key in LAKE_KEYS if key in workload.writes and key != "lakeWorkspace"]
    return shared[-1] if shared else None


def _flows(plan: Plan, zones: list[ZoneView]) -> list[Flow]:
    """Integrations into the lake, through its layers, to the products that read them, and on to consumers.

    Only flows whose both ends are drawn; a cross-zone read from or to a collapsed zone starts or ends at the
    zone's card (the element ids of a collapsed zone's parts are not drawn, so the drawing maps them)."""
    shown = {z.name for z in zones}
    flows: dict[tuple[str, str, str], Flow] = {}

    def add(flow: Flow) -> None:
        key = (flow.source, flow.target, flow.kind)
        if key in flows:
            old = flows[key]
            labels = list(dict.fromkeys([*old.label.split(", "), flow.label]))
            flows[key] = Flow(old.source, old.target, old.kind, ", ".join(labels), old.cross_zone)
        else:
            flows[key] = flow

    for w in plan.workloads:
        if w.zone not in shown:
            continue
        if w.kind == "integration":
            if "lakeRaw" in w.writes and "lakeEnrichedCurated" in w.writes:  # lands raw, then transforms
                add(Flow(workload_id(w.zone, w.name), lake_id(w.zone, "lakeRaw"), "writes", w.name))
                add(Flow(lake_id(w.zone, "lakeRaw"), lake_id(w.zone, "lakeEnrichedCurated"), "transform", w.name))
            else:
                for key in w.writes:
                    add(Flow(workload_id(w.zone, w.name), lake_id(w.zone, key), "writes", w.name))
        for zone, name in w.reads:
            if zone not in shown:
                continue
            source = plan.workload(zone, name)
            layer = published_layer(source) if source is not None else None
            start = lake_id(zone, layer) if layer else workload_id(zone, name)
            add(Flow(start, workload_id(w.zone, w.name), "reads", f"{zone}/{name}" if zone != w.zone else name,
                     cross_zone=zone != w.zone))
        for consumer in w.consumers:
            add(Flow(workload_id(w.zone, w.name), consumer_id(w.zone, consumer), "consumes",
                     CONSUMER_LABELS.get(consumer, consumer)))
    return list(flows.values())


def card_rows(zone: ZoneView, peers: str) -> list[str]:
    """What a collapsed zone says about itself, below its name (``peers``: how its peerings are put)."""
    units = zone.units
    kept = sum(len(u.kept) for u in units)
    pruned = sum(len(u.pruned) for u in units)
    lakes = [lake.label for lake in zone.lakes if lake.kept]
    return [
        f"VNet {zone.address_space} · {len(zone.subnets)} subnets",
        peers,
        f"{len(zone.integrations)} integrations · {len(zone.products)} products",
        f"{len(units)} units, steps {min(u.step for u in units)}-{max(u.step for u in units)}",
        f"services: {kept} kept, {pruned} pruned",
        f"lake: {', '.join(lakes) or 'none'}",
    ]


def zone_explanation(zone: ZoneView) -> list[str]:
    kind = "data management zone" if zone.kind == "management" else "data landing zone"
    lines = [f"{zone.name}: {kind}, subscription {zone.subscription_id}, {zone.location}",
             f"  VNet {zone.vnet} {zone.address_space}",
             *(f"    subnet {s.name} {s.cidr}" for s in zone.subnets),
             f"  peered with: {', '.join(zone.peers) or 'nothing'}"]
    units = zone.units
    kept = sum(len(u.kept) for u in units)
    pruned = sum(len(u.pruned) for u in units)
    lines.append(f"  {len(units)} unit(s): {kept} services kept, {pruned} pruned")
    for workload in zone.workloads:
        lines.append(f"  {workload.kind} {workload.name} on {workload.engine}: "
                     + (f"unit {workload.unit.name} (step {workload.unit.step})" if workload.unit
                        else "no unit of its own (runs on the zone's shared services)"))
    return lines


def workload_explanation(workload: WorkloadView) -> list[str]:
    lines = [f"{workload.label}: data {workload.kind} on {workload.engine}"]
    if workload.description:
        lines.append(f"  {workload.description}")
    if workload.writes:
        lines.append(f"  writes to the lake: {', '.join(LAKE_LABELS.get(k, k) for k in workload.writes)}")
    if workload.consumers:
        lines.append(f"  read by: {', '.join(CONSUMER_LABELS.get(c, c) for c in workload.consumers)}")
    if workload.unit is None:
        lines.append("  no deployment unit of its own: it runs wholly on its zone's shared services")
        return lines
    return [*lines, *workload.unit.explanation]
