"""The estate as a Mermaid flowchart (``.mmd``) or as Markdown holding one (``.md``: GitHub, Azure DevOps wikis).

Subgraphs are zones (one subscription each) with their VNet in the title; nodes are the firewall, each zone's
shared services, integrations, lake layers, products and consumers; edges are peerings and data flows.
"""

from __future__ import annotations

import re

from relecloud_templates.diagram import NOTICE
from relecloud_templates.diagram.model import (
    CONSUMER_LABELS,
    EstateView,
    Flow,
    UnitView,
    WorkloadView,
    ZoneView,
    card_rows,
    consumer_id,
    firewall_id,
    zone_of,
)

PEERING_STYLE = "stroke:#2f63a8,stroke-width:2px"
CROSS_ZONE_STYLE = "stroke:#d9480f,stroke-width:3px,stroke-dasharray:6 4"
CLASSES = (
    "classDef pruned fill:#f3f3f3,stroke:#bbbbbb,color:#9a9a9a,stroke-dasharray:3 3",
    "classDef firewall fill:#fdecea,stroke:#c62828,color:#7f1d1d",
    "classDef lake fill:#e8f1fb,stroke:#2f63a8,color:#12355b",
    "classDef consumer fill:#fff8e1,stroke:#b08900,color:#5c4700",
)
LEGEND = (
    ("Subgraph", "a zone: one subscription, its VNet and address space in the title"),
    ("Hexagon", "the management zone's Azure Firewall: DNS proxy and egress of every zone"),
    ("Rectangle", "a deployment unit (step N of the deployment order): + kept services, - pruned ones"),
    ("Rounded box", "a data integration; Cylinder: a lake layer; faded and dashed: pruned"),
    ("Dotted line", "VNet peering"),
    ("Arrow", "data flow: integration writes a layer, a layer feeds a product, a product feeds a consumer"),
    ("Thick dashed orange arrow", "a read that crosses a zone boundary"),
)


class _Ids:
    """Element ids as Mermaid identifiers: readable, unique, the same on every run."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()

    def __call__(self, element_id: str) -> str:
        if element_id not in self.ids:
            base = re.sub(r"[^A-Za-z0-9]+", "_", element_id).strip("_")
            name, n = base, 2
            while name in self.taken:
                name, n = f"{base}_{n}", n + 1
            self.taken.add(name)
            self.ids[element_id] = name
        return self.ids[element_id]


def label(*lines: str) -> str:
    """A quoted Mermaid label; its lines joined with <br/>."""
    text = "<br/>".join(line.replace("->", "\u2192") for line in lines)
    # numeric entity codes: Mermaid's named ones (#gt;) come out garbled in some renderers
    for char, entity in (("#", "#35;"), ("&", "#38;"), ('"', "#34;"), ("<br/>", "\0"), ("<", "#60;"), (">", "#62;"),
                         ("\0", "<br/>")):
        text = text.replace(char, entity)
    return f'"{text}"'


def _services(unit: UnitView, per_line: int = 3) -> list[str]:
    lines = [f"+ {s.title}" for s in unit.kept]
    pruned = [s.title for s in unit.pruned]
    for i in range(0, len(pruned), per_line):
        lines.append(("- pruned: " if i == 0 else "  ") + ", ".join(pruned[i:i + per_line]))
    return lines


def _unit_lines(unit: UnitView, heading: str) -> list[str]:
    return [f"step {unit.step} · {heading}", *_services(unit)]


def _zone_title(zone: ZoneView) -> str:
    kind = "data management zone" if zone.kind == "management" else "data landing zone"
    return label(f"{zone.name} · {kind}", f"subscription {zone.subscription_id} · {zone.location}",
                 f"VNet {zone.vnet} {zone.address_space}")


def flowchart(view: EstateView) -> str:
    ids = _Ids()
    lines = ["flowchart TB", f"  %% {view.title}: {NOTICE}"]
    drawn: set[str] = set()

    def node(element_id: str, shape: str, text: str, cls: str = "") -> None:
        opening, closing = shape.split("|")
        lines.append(f"    {ids(element_id)}{opening}{text}{closing}{':::' + cls if cls else ''}")
        drawn.add(element_id)

    for zone in view.zones:
        if zone.collapsed:
            peers = f"peered with {len(zone.peers)} zones ({view.topology})"
            lines.append(f"  {ids(zone.id)}[{label(f'{zone.name} · data landing zone', *card_rows(zone, peers))}]")
            drawn.add(zone.id)
            continue
        lines.append(f"  subgraph {ids(zone.id)}[{_zone_title(zone)}]")
        lines.append("    direction LR")
        if zone.firewall is not None:
            fw = zone.firewall
            node(firewall_id(zone.name), "{{|}}",
                 label(f"Azure Firewall ({fw.tier})", f"DNS proxy and egress · {fw.private_ip}",
                       f"egress rules: {', '.join(fw.egress) or 'none'}"), "firewall")
        heading = f"{zone.unit.name}: shared services" if zone.kind == "landing" else zone.unit.name
        node(zone.unit.id, "[|]", label(*_unit_lines(zone.unit, heading)))
        for workload in zone.integrations:
            node(workload.id, "(|)", label(*_workload_lines(workload)))
        for lake in zone.lakes:
            rows = [f"lake: {lake.label}"] + ([f"containers: {', '.join(lake.containers)}"] if lake.containers else [])
            node(lake.id, "[(|)]", label(*(rows if lake.kept else [f"lake: {lake.label} (pruned)"])),
                 "lake" if lake.kept else "pruned")
        for workload in zone.products:
            node(workload.id, "[|]", label(*_workload_lines(workload)))
        for consumer in zone.consumers:
            node(consumer_id(zone.name, consumer), ">|]", label(CONSUMER_LABELS.get(consumer, consumer)), "consumer")
        lines.append("  end")

    edges: list[tuple[str, str]] = []  # (edge text, linkStyle or "")
    mgmt = view.management
    drawn_peerings = set(view.drawn_peerings)  # a property that filters every peering: once, not per peering
    for a, b in view.peerings:
        if mgmt.name in (a, b) or (a, b) in drawn_peerings:
            edges.append((f"{ids(f'zone:{a}')} <-. peering .-> {ids(f'zone:{b}')}", PEERING_STYLE))
    for flow in view.flows:
        source, target = _end(flow.source, drawn), _end(flow.target, drawn)
        if source == target:
            continue
        edges.append(_edge(ids(source), ids(target), flow))
    for text, _ in edges:
        lines.append(f"  {text}")
    for index, (_, style) in enumerate(edges):
        if style:
            lines.append(f"  linkStyle {index} {style}")
    lines.extend(f"  {c}" for c in CLASSES)
    if view.hidden_zones:
        lines.append(f"  %% not shown (focus on {view.focus}): {', '.join(view.hidden_zones)}")
    return "\n".join(lines) + "\n"


def _workload_lines(workload: WorkloadView) -> list[str]:
    head = f"{workload.kind} {workload.name} · {workload.engine}"
    if workload.unit is None:
        return [head, "no unit: runs on the zone's shared services"]
    return [head, *_unit_lines(workload.unit, workload.unit.name)[0:1], *_services(workload.unit)]


def _end(element_id: str, drawn: set[str]) -> str:
    """The drawn element for an end of a flow: itself, or the card of its collapsed zone."""
    return element_id if element_id in drawn else f"zone:{zone_of(element_id)}"


def _edge(source: str, target: str, flow: Flow) -> tuple[str, str]:
    text = label(flow.label)
    if flow.cross_zone:
        return f"{source} == {label('cross-zone read: ' + flow.label)} ==> {target}", CROSS_ZONE_STYLE
    if flow.kind == "consumes":
        return f"{source} -.-> {target}", ""
    if flow.kind == "transform":
        return f"{source} -- {label('transform: ' + flow.label)} --> {target}", ""
    return f"{source} -- {text} --> {target}", ""


def markdown(view: EstateView) -> str:
    """The flowchart in a Markdown page, with the summary, the deployment order, the legend and what was pruned."""
    out = [f"# {view.title}", "", f"<!-- {NOTICE} -->", ""]
    out += [f"- {line}" for line in view.summary]
    out += ["", "```mermaid", flowchart(view).rstrip("\n"), "```", "", "## Deployment order", "",
            "Units of one step deploy in parallel; each step starts when the units it depends on are done.", ""]
    out += [f"- step {step}: {', '.join(names)}" for step, names in view.steps]
    out += ["", "## Legend", "", "| shape | meaning |", "|---|---|"]
    out += [f"| {shape} | {meaning} |" for shape, meaning in LEGEND]
    out += ["", "## Pruned services", "", "| unit | service | why |", "|---|---|---|"]
    for zone in view.zones:
        for unit in zone.units if not zone.collapsed else ():
            for service in unit.pruned:
                why = service.explanation[0].split(": pruned, ", 1)[-1]
                out.append(f"| {unit.name} | {_cell(service.title)} | {_cell(why)} |")
    collapsed = [z for z in view.zones if z.collapsed]
    if collapsed:
        count = sum(len(u.pruned) for z in collapsed for u in z.units)
        out += ["", f"The {len(collapsed)} collapsed zones prune {count} services: `relecloud plan` says which and "
                    "why, and `relecloud diagram --zone NAME` draws one zone in full."]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
