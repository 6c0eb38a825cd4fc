"""The estate as one self-contained SVG picture, laid out here in Python (no graph-layout binary needed).

Layout, top to bottom: the title and summary; the management zone (its firewall, the DNS proxy and egress of
every zone, and its shared services); a peering bus from the management zone to every landing zone; the
landing zones, each in full (shared services, then integrations -> lake layers -> products -> consumers) in one
column, or collapsed to cards in a grid when there are many; the deployment order and the legend.

Every drawn element of the plan is a ``<g data-id=...>`` carrying a ``<title>`` (the browser's tooltip) with what
``--explain`` says about it; the HTML page adds a panel on the same ids. Coordinates are whole pixels, so the
output is byte-identical on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relecloud_templates.diagram import NOTICE
from relecloud_templates.diagram import text as t
from relecloud_templates.diagram.model import (
    CONSUMER_LABELS,
    EstateView,
    Flow,
    LakeView,
    UnitView,
    WorkloadView,
    ZoneView,
    card_rows,
    consumer_id,
    firewall_id,
    zone_of,
)

FONT = "DejaVu Sans, Verdana, Segoe UI, Helvetica, Arial, sans-serif"
MARGIN = 24
TRUNK = 34  # room on the left for the peering trunk
PAD = 14
HEADER_H = 46
LINE = {"title": 16, "meta": 14, "kept": 14, "pruned": 14, "note": 14, "small": 13}
SIZE = {"title": 12.5, "meta": 11, "kept": 11, "pruned": 11, "note": 11, "small": 10.5}
COLUMN_W = {"integration": 230, "lake": 190, "product": 250, "consumer": 96}
GUTTER = 64
NODE_GAP = 14
CARD_W, CARD_COLUMNS = 300, 4
ZONE_GAP = 40
CROSS_ZONE = "#d9480f"
PEERING = "#2f63a8"
FLOW = "#5f6b7a"
FADED = "#9a9a9a"
INK = "#1d2733"

STYLE = f"""
text {{ font-family: {FONT}; fill: {INK}; }}
.title {{ font-weight: bold; }}
.header text {{ fill: #ffffff; }}
.pruned text, text.pruned {{ fill: {FADED}; }}
.chip.pruned rect {{ fill: #ffffff; stroke: #c8c8c8; stroke-dasharray: 3 2; }}
.lake.pruned path {{ fill: #f6f6f6; stroke: #c8c8c8; stroke-dasharray: 3 2; }}
.flow {{ fill: none; stroke: {FLOW}; stroke-width: 1.4; }}
.flow.cross {{ stroke: {CROSS_ZONE}; stroke-width: 2.6; stroke-dasharray: 8 5; }}
.halo {{ fill: none; stroke: #ffffff; stroke-width: 6; stroke-opacity: 0.85; }}
.peering {{ fill: none; stroke: {PEERING}; stroke-width: 2.2; stroke-dasharray: 2 4; stroke-linecap: round; }}
[data-id] {{ cursor: pointer; }}
"""


def n(value: float) -> str:
    """A coordinate: whole pixels (byte-stable output)."""
    return str(round(value))


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass
class Lines:
    """A node's text: (style, text, element id or "") lines."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, style: str, text: str, element_id: str = "") -> None:
        self.rows.append((style, text, element_id))

    @property
    def height(self) -> int:
        return sum(LINE[style] for style, _, _ in self.rows)


class Svg:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, part: str) -> None:
        self.parts.append(part)

    def open_group(self, element_id: str = "", cls: str = "", tooltip: list[str] | tuple[str, ...] = (),
                   extra: str = "") -> None:
        attrs = (f' class="{cls}"' if cls else "") + (f' data-id="{t.xml(element_id)}"' if element_id else "") + extra
        self.add(f"<g{attrs}>")
        if tooltip:
            self.add(f"<title>{t.xml(chr(10).join(line.strip() for line in tooltip))}</title>")

    def close_group(self) -> None:
        self.add("</g>")

    def rect(self, box: Box, fill: str, stroke: str = "none", radius: int = 6, extra: str = "") -> None:
        self.add(f'<rect x="{n(box.x)}" y="{n(box.y)}" width="{n(box.w)}" height="{n(box.h)}" rx="{radius}" '
                 f'fill="{fill}" stroke="{stroke}"{extra}/>')

    def text(self, x: float, y: float, value: str, style: str, cls: str = "", anchor: str = "",
             size: float | None = None) -> None:
        classes = " ".join(c for c in ("title" if style == "title" else "", cls) if c)
        attrs = (f' class="{classes}"' if classes else "") + (f' text-anchor="{anchor}"' if anchor else "")
        self.add(f'<text x="{n(x)}" y="{n(y)}" font-size="{size or SIZE[style]}"{attrs}>{t.xml(value)}</text>')

    def lines(self, box: Box, lines: Lines, top: float, room: float, tooltips: dict[str, tuple[str, ...]]) -> None:
        y = top
        for style, value, element_id in lines.rows:
            y += LINE[style]
            if element_id:
                self.open_group(element_id, "pruned" if style == "pruned" else "", tooltips.get(element_id, ()))
            self.text(box.x + PAD, y - 3.5, t.fit(value, SIZE[style], room, bold=style == "title"), style,
                      "pruned" if style == "pruned" else "")
            if element_id:
                self.close_group()


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (amount 0: the colour, 1: white)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


# ---------------------------------------------------------------------------------------------------------------
# Content of nodes


def unit_lines(unit: UnitView, room: float, lines: Lines) -> None:
    for service in unit.kept:
        lines.add("kept", f"+ {service.title}", service.id)
    pruned = unit.pruned
    if pruned:
        text = "\u2212 pruned: " + ", ".join(s.title for s in pruned)
        for i, line in enumerate(t.wrap(text, SIZE["pruned"], room, max_lines=2)):
            # the first pruned line carries the first pruned service's id; all of them are in the unit's tooltip
            lines.add("pruned", line, pruned[0].id if i == 0 else "")


def workload_lines(workload: WorkloadView, room: float) -> Lines:
    lines = Lines()
    lines.add("title", workload.name)
    if workload.unit is None:
        lines.add("meta", f"{workload.kind} · {workload.engine}")
        for line in t.wrap("no unit: runs on the zone's shared services", SIZE["note"], room, max_lines=2):
            lines.add("note", line)
        return lines
    lines.add("meta", f"{workload.kind} · {workload.engine} · step {workload.unit.step}")
    unit_lines(workload.unit, room, lines)
    return lines


def lake_lines(lake: LakeView, room: float) -> Lines:
    lines = Lines()
    lines.add("title", lake.label)
    if not lake.kept:
        lines.add("pruned", "pruned: nothing writes here")
        return lines
    for line in t.wrap(", ".join(lake.containers) or "no containers", SIZE["small"], room, max_lines=3):
        lines.add("small", line)
    return lines


def node_height(lines: Lines) -> int:
    return lines.height + 2 * 8


# ---------------------------------------------------------------------------------------------------------------
# Layout


@dataclass
class ZoneLayout:
    zone: ZoneView
    box: Box
    nodes: dict[str, Box] = field(default_factory=dict)  # element id -> box, inside the zone
    content: dict[str, Lines] = field(default_factory=dict)
    chips: list[tuple[Box, str, str, bool]] = field(default_factory=list)  # box, label, element id, kept
    chips_top: float = 0
    subnet_lines: list[str] = field(default_factory=list)


class Layout:
    def __init__(self, view: EstateView):
        self.view = view
        self.consumers = any(z.consumers for z in view.landing if not z.collapsed)
        self.full_w = (2 * PAD + COLUMN_W["integration"] + GUTTER + COLUMN_W["lake"] + GUTTER + COLUMN_W["product"]
                       + ((GUTTER + COLUMN_W["consumer"]) if self.consumers else 0))
        cards = [z for z in view.landing if z.collapsed]
        card_columns = min(CARD_COLUMNS, max(1, len(cards)))
        self.cards_w = card_columns * CARD_W + (card_columns - 1) * ZONE_GAP
        self.content_w = max(self.full_w, self.cards_w, 900)
        self.left = MARGIN + TRUNK
        # landing zone pairs drawn as lines in lanes on the right: only between zones drawn in full (one column)
        full = {z.name for z in view.landing if not z.collapsed}
        self.lane_peerings = [p for p in view.drawn_peerings if set(p) <= full]
        self.right_lanes = 16 + 12 * len(self.lane_peerings) if self.lane_peerings else 0
        self.width = self.left + self.content_w + self.right_lanes + MARGIN
        self.zones: dict[str, ZoneLayout] = {}
        y: float = MARGIN + 30 + 18 * len(view.summary) + 12
        y = self._management(y)
        self.bus_gap = 44
        y += self.bus_gap
        self.rows: list[tuple[float, list[str]]] = []  # (top of the row, zone names): where the peering bus drops
        for zone in view.landing:
            if not zone.collapsed:
                self.rows.append((y, [zone.name]))
                y = self._full_zone(zone, y) + ZONE_GAP
        for i in range(0, len(cards), card_columns):
            row = cards[i:i + card_columns]
            self.rows.append((y, [z.name for z in row]))
            height = max(self._card_height(z) for z in row)
            for j, zone in enumerate(row):
                self.zones[zone.name] = ZoneLayout(zone, Box(self.left + j * (CARD_W + ZONE_GAP), y, CARD_W, height))
            y += height + ZONE_GAP
        self.footer_top = y
        self.height = y + self._footer_height() + MARGIN

    # -- the management zone ------------------------------------------------------------------------------
    def _management(self, y: float) -> float:
        zone = self.view.management
        layout = ZoneLayout(zone, Box(self.left, y, self.content_w, 0))
        inner = y + HEADER_H + 8
        layout.subnet_lines = self._subnets(zone, self.content_w - 2 * PAD)
        inner += LINE["meta"] * (1 + len(layout.subnet_lines)) + 10
        bottom = inner
        chips_left: float = self.left + PAD
        if zone.firewall is not None:
            lines = Lines()
            fw = zone.firewall
            lines.add("title", f"Azure Firewall ({fw.tier})")
            lines.add("meta", f"{fw.name} · {fw.private_ip}")
            lines.add("kept", "DNS proxy of every zone")
            lines.add("kept", f"{fw.dns_zones} private DNS zones")
            lines.add("kept", "egress of every zone (0.0.0.0/0)")
            for line in t.wrap("egress rules: " + (", ".join(fw.egress) or "none"), SIZE["small"], 280 - 2 * PAD):
                lines.add("small", line)
            box = Box(self.left + PAD, inner, 280, node_height(lines))
            layout.nodes[firewall_id(zone.name)] = box
            layout.content[firewall_id(zone.name)] = lines
            bottom = box.bottom
            chips_left = box.right + 24
        unit_top = inner
        layout.chips_top = unit_top + LINE["title"] + 4
        chips_bottom = self._chips(layout, zone.unit, chips_left, layout.chips_top, self.left + self.content_w - PAD)
        right = self.left + self.content_w - PAD
        layout.nodes[zone.unit.id] = Box(chips_left - 8, unit_top - 4, right - chips_left + 16,
                                         chips_bottom - unit_top + 12)
        bottom = max(bottom, chips_bottom + 8)
        layout.box.h = bottom - y + PAD
        self.zones[zone.name] = layout
        return layout.box.bottom

    def _subnets(self, zone: ZoneView, room: float) -> list[str]:
        text = "subnets: " + ", ".join(f"{s.name} {s.cidr}" for s in zone.subnets)
        return t.wrap(text, SIZE["small"], room, max_lines=2) if zone.subnets else []

    def _chips(self, layout: ZoneLayout, unit: UnitView, left: float, top: float, right: float) -> float:
        x, y = left, top
        for service in (*unit.kept, *unit.pruned):
            label = t.fit(service.title, SIZE["small"], right - left - 16)
            w = t.width(label, SIZE["small"]) + 16
            if x + w > right and x > left:
                x, y = left, y + 26
            layout.chips.append((Box(x, y, w, 20), label, service.id, service.kept))
            x += w + 6
        return y + 20

    # -- a landing zone in full -----------------------------------------------------------------------------
    def _full_zone(self, zone: ZoneView, y: float) -> float:
        layout = ZoneLayout(zone, Box(self.left, y, self.full_w, 0))
        inner = y + HEADER_H + 8
        layout.subnet_lines = self._subnets(zone, self.full_w - 2 * PAD)
        inner += LINE["meta"] * (1 + len(layout.subnet_lines)) + 10
        layout.chips_top = inner + LINE["title"] + 4
        chips_bottom = self._chips(layout, zone.unit, self.left + PAD, layout.chips_top, self.left + self.full_w - PAD)
        layout.nodes[zone.unit.id] = Box(self.left + PAD - 8, inner - 4, self.full_w - 2 * PAD + 16,
                                         chips_bottom - inner + 12)
        top = chips_bottom + 34  # room for the column headings
        x = self.left + PAD
        columns: list[tuple[str, list[tuple[str, Lines]]]] = [
            ("integration", [(w.id, workload_lines(w, COLUMN_W["integration"] - 2 * PAD)) for w in zone.integrations]),
            ("lake", [(lake.id, lake_lines(lake, COLUMN_W["lake"] - 2 * PAD)) for lake in zone.lakes]),
            ("product", [(w.id, workload_lines(w, COLUMN_W["product"] - 2 * PAD)) for w in zone.products]),
        ]
        if self.consumers:
            consumer_nodes = []
            for consumer in zone.consumers:
                lines = Lines()
                lines.add("title", CONSUMER_LABELS.get(consumer, consumer))
                lines.add("meta", "consumer")
                consumer_nodes.append((consumer_id(zone.name, consumer), lines))
            columns.append(("consumer", consumer_nodes))
        bottom = top
        for kind, nodes in columns:
            width = COLUMN_W[kind]
            cy = top
            gap = NODE_GAP + (26 if kind == "lake" else 0)  # room for the transform arrow between layers
            for element_id, lines in nodes:
                box = Box(x, cy, width, node_height(lines) + (10 if kind == "lake" else 0))
                layout.nodes[element_id] = box
                layout.content[element_id] = lines
                cy = box.bottom + gap
            bottom = max(bottom, cy - gap)
            x += width + GUTTER
        layout.box.h = bottom - y + PAD + 4
        self.zones[zone.name] = layout
        return layout.box.bottom

    # -- a collapsed landing zone ---------------------------------------------------------------------------
    def _card_height(self, zone: ZoneView) -> int:
        return HEADER_H + 8 + len(card_rows(zone, _peers_text(zone))) * LINE["meta"] + PAD

    def _footer_height(self) -> int:
        steps = len(self.view.steps)
        return max(LINE["title"] + 8 + steps * LINE["meta"], LINE["title"] + 8 + 8 * 22) + 16

    def anchor(self, element_id: str) -> tuple[Box, ZoneLayout]:
        """The box an element is drawn in: its own, or its zone's card when the zone is collapsed."""
        zone = self.zones[zone_of(element_id)]
        return zone.nodes.get(element_id, zone.box), zone


# ---------------------------------------------------------------------------------------------------------------
# Drawing


def render_svg(view: EstateView) -> str:
    layout = Layout(view)
    tooltips = {k: tuple(v) for k, v in view.explanations().items()}
    svg = Svg()
    svg.add(f'<svg xmlns="http://www.w3.org/2000/svg" width="{n(layout.width)}" height="{n(layout.height)}" '
            f'viewBox="0 0 {n(layout.width)} {n(layout.height)}" role="img" aria-label="{t.xml(view.title)}">')
    svg.add(f"<!-- {NOTICE} -->")
    svg.add(f"<title>{t.xml(view.title)}</title>")
    svg.add(f"<style>{STYLE}</style>")
    svg.add('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{FLOW}"/></marker>'
            '<marker id="arrow-cross" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{CROSS_ZONE}"/></marker></defs>')
    svg.rect(Box(0, 0, layout.width, layout.height), "#ffffff", radius=0)
    svg.text(MARGIN, MARGIN + 18, view.title, "title", size=20)
    for i, line in enumerate(view.summary):
        svg.text(MARGIN, MARGIN + 40 + 18 * i, t.fit(line, 12, layout.width - 2 * MARGIN), "meta")
    _peerings(svg, layout)
    for zone_layout in layout.zones.values():
        if zone_layout.zone.collapsed:
            _card(svg, zone_layout, tooltips)
        else:
            _zone(svg, zone_layout, tooltips)
    _flows(svg, layout, view.flows)
    _footer(svg, layout)
    svg.add("</svg>")
    return "\n".join(svg.parts) + "\n"


def _header(svg: Svg, layout: ZoneLayout) -> None:
    zone, box = layout.zone, layout.box
    kind = "data management zone" if zone.kind == "management" else "data landing zone"
    svg.rect(Box(box.x, box.y, box.w, HEADER_H), zone.colour, radius=8)
    svg.rect(Box(box.x, box.y + HEADER_H - 10, box.w, 10), zone.colour, radius=0)
    svg.add('<g class="header">')
    room = box.w - 2 * PAD
    heading = zone.name if zone.collapsed else f"{zone.name} · {kind}"
    svg.text(box.x + PAD, box.y + 19, t.fit(heading, 14, room - 70, bold=True), "title", size=14)
    svg.text(box.right - PAD, box.y + 19, f"step {zone.unit.step}", "meta", anchor="end")
    where = f"subscription {zone.subscription_id} · {zone.location}"
    svg.text(box.x + PAD, box.y + 37, t.fit(where, SIZE["meta"], room), "meta")
    svg.add("</g>")


def _network_line(svg: Svg, layout: ZoneLayout, y: float) -> float:
    zone, box = layout.zone, layout.box
    room = box.w - 2 * PAD
    peers = _peers_text(zone)
    y += LINE["meta"]
    svg.text(box.x + PAD, y, t.fit(f"VNet {zone.vnet} · {zone.address_space} · {peers}", SIZE["meta"], room), "meta")
    for line in layout.subnet_lines:
        y += LINE["meta"]
        svg.text(box.x + PAD, y, line, "small", "pruned")
    return y


def _peers_text(zone: ZoneView) -> str:
    if len(zone.peers) <= 4:
        return f"peered with {', '.join(zone.peers) or 'nothing'}"
    if zone.kind == "management":
        return f"peered with {len(zone.peers)} landing zones"
    return f"peered with {zone.peers[0]} and {len(zone.peers) - 1} landing zones"


def _zone(svg: Svg, layout: ZoneLayout, tooltips: dict[str, tuple[str, ...]]) -> None:
    zone, box = layout.zone, layout.box
    svg.open_group(zone.id, "zone", tooltips.get(zone.id, ()))
    svg.rect(box, tint(zone.colour, 0.94), zone.colour, radius=8, extra=' stroke-width="1.5"')
    _header(svg, layout)
    svg.close_group()
    _network_line(svg, layout, box.y + HEADER_H + 4)
    # the zone's own unit: its services as chips
    unit_box = layout.nodes[zone.unit.id]
    svg.open_group(zone.unit.id, "unit", tooltips.get(zone.unit.id, ()))
    svg.rect(unit_box, "#ffffff", tint(zone.colour, 0.5), radius=6)
    heading = f"step {zone.unit.step} · unit {zone.unit.name}: " + (
        "shared services" if zone.kind == "landing" else "network, governance and shared services")
    svg.text(unit_box.x + 8, layout.chips_top - 7, t.fit(heading, SIZE["title"], unit_box.w - 16, bold=True), "title")
    svg.close_group()
    for chip, label, element_id, kept in layout.chips:
        svg.open_group(element_id, "chip" if kept else "chip pruned", tooltips.get(element_id, ()))
        svg.rect(chip, tint(zone.colour, 0.82) if kept else "#ffffff", "none" if kept else "#c8c8c8", radius=10)
        svg.text(chip.x + 8, chip.y + 14, label, "small")
        svg.close_group()
    if zone.firewall is not None:
        element_id = firewall_id(zone.name)
        fw_box = layout.nodes[element_id]
        svg.open_group(element_id, "firewall", tooltips.get(element_id, ()))
        svg.rect(fw_box, "#fdecea", "#c62828", radius=6, extra=' stroke-width="1.5"')
        svg.lines(fw_box, layout.content[element_id], fw_box.y + 6, fw_box.w - 2 * PAD, tooltips)
        svg.close_group()
        return
    headings = (("integration", "integrations"), ("lake", "data lake"), ("product", "products"),
                ("consumer", "consumers"))
    column_x = _column_positions(layout)
    first = min((b.y for k, b in layout.nodes.items() if k != zone.unit.id), default=unit_box.bottom + 34)
    for kind, heading in headings:
        if kind in column_x and (kind != "consumer" or zone.consumers):
            svg.text(column_x[kind], first - 8, heading.upper(), "small", "pruned")
    for element_id, node_box in layout.nodes.items():
        if element_id == zone.unit.id:
            continue
        lines = layout.content[element_id]
        if element_id.startswith("lake:"):
            lake = next(lk for lk in zone.lakes if lk.id == element_id)
            _cylinder(svg, node_box, lake, lines, tooltips)
            continue
        workload = next((w for w in zone.workloads if w.id == element_id), None)
        pruned_unit = workload is not None and workload.unit is None
        cls = "workload" if workload is not None else "consumer"
        svg.open_group(element_id, cls, tooltips.get(element_id, ()))
        fill = "#fff8e1" if workload is None else "#ffffff"
        stroke = "#b08900" if workload is None else zone.colour
        svg.rect(node_box, fill, stroke, radius=12 if workload and workload.kind == "integration" else 4,
                 extra=' stroke-width="1.3"' + (' stroke-dasharray="4 3"' if pruned_unit else ""))
        svg.lines(node_box, lines, node_box.y + 8, node_box.w - 2 * PAD, tooltips)
        svg.close_group()


def _column_positions(layout: ZoneLayout) -> dict[str, float]:
    x = layout.box.x + PAD
    positions = {}
    for kind in ("integration", "lake", "product", "consumer"):
        positions[kind] = x
        x += COLUMN_W[kind] + GUTTER
    return positions


def _cylinder(svg: Svg, box: Box, lake: LakeView, lines: Lines, tooltips: dict[str, tuple[str, ...]]) -> None:
    svg.open_group(lake.id, "lake" if lake.kept else "lake pruned", tooltips.get(lake.id, ()))
    rim = 7
    x, y, b = n(box.x), n(box.y + rim), n(box.bottom - rim)
    half = n(box.w / 2)
    svg.add(f'<path d="M{x},{y} a{half},{rim} 0 0,1 {n(box.w)},0 V{b} a{half},{rim} 0 0,1 -{n(box.w)},0 Z '
            f'M{x},{y} a{half},{rim} 0 0,0 {n(box.w)},0" fill="#e8f1fb" stroke="#2f63a8" stroke-width="1.3"/>')
    svg.lines(box, lines, box.y + 2 * rim + 2, box.w - 2 * PAD, tooltips)
    svg.close_group()


def _card(svg: Svg, layout: ZoneLayout, tooltips: dict[str, tuple[str, ...]]) -> None:
    zone, box = layout.zone, layout.box
    svg.open_group(zone.id, "zone card", tooltips.get(zone.id, ()))
    svg.rect(box, tint(zone.colour, 0.94), zone.colour, radius=8, extra=' stroke-width="1.5"')
    _header(svg, layout)
    y = box.y + HEADER_H + 4
    for row in card_rows(zone, _peers_text(zone)):
        y += LINE["meta"]
        svg.text(box.x + PAD, y, t.fit(row, SIZE["meta"], box.w - 2 * PAD), "meta")
    svg.close_group()


# ---------------------------------------------------------------------------------------------------------------
# Peerings and flows


def _peerings(svg: Svg, layout: Layout) -> None:
    """The management zone's peering with every landing zone as a bus (a trunk on the left, a branch above each
    row of zones, a drop into each zone); peerings between landing zones in lanes on the right."""
    view = layout.view
    hub = view.management.name
    mgmt = layout.zones[hub].box
    trunk_x = MARGIN + TRUNK / 2
    if layout.rows:
        last_bus = layout.rows[-1][0] - 14
        trunk = [f"M{n(mgmt.x)},{n(mgmt.y + HEADER_H + 20)} H{n(trunk_x)} V{n(last_bus)}"]
        for top, names in layout.rows:
            trunk.append(f"M{n(trunk_x)},{n(top - 14)} H{n(max(layout.zones[name].box.cx for name in names))}")
        svg.open_group("", "peering-bus", [f"VNet peering: {hub} (hub) with every landing zone"])
        svg.add(f'<path class="peering" d="{" ".join(trunk)}"/>')
        label = f"VNet peering: {hub} (hub) \u2194 every landing zone; landing zones: {view.topology}"
        svg.text(trunk_x + 10, layout.rows[0][0] - 22, label, "small")
        svg.close_group()
        for top, names in layout.rows:
            for name in names:
                x = layout.zones[name].box.cx
                svg.open_group("", "peering", [f"VNet peering: {hub} \u2194 {name}"],
                               f' data-from="{t.xml(hub)}" data-to="{t.xml(name)}"')
                svg.add(f'<path class="peering" d="M{n(x)},{n(top - 14)} V{n(top)}"/>')
                svg.close_group()
    for index, (a, b) in enumerate(layout.lane_peerings):
        box_a, box_b = layout.zones[a].box, layout.zones[b].box
        lane = layout.left + layout.content_w + 16 + 12 * index
        ya, yb = box_a.y + HEADER_H / 2 + 4 * index, box_b.y + HEADER_H / 2 + 4 * index
        svg.open_group("", "peering", [f"VNet peering: {a} \u2194 {b} ({view.topology})"],
                       f' data-from="{t.xml(a)}" data-to="{t.xml(b)}"')
        svg.add(f'<path class="peering" d="M{n(box_a.right)},{n(ya)} H{n(lane)} V{n(yb)} H{n(box_b.right)}"/>')
        svg.close_group()


def _flows(svg: Svg, layout: Layout, flows: list[Flow]) -> None:
    """In-zone flows as curves between columns; cross-zone reads in orange, each in its own lane of the gutter."""
    edges = []
    for flow in flows:
        (source, source_zone), (target, target_zone) = layout.anchor(flow.source), layout.anchor(flow.target)
        if source is target:
            continue
        edges.append((flow, source, target, source_zone, target_zone))
    # ports: the edges leaving or entering one side of a node are spread along it, ordered by the other end
    boxes = [(source, target) for _, source, target, _, _ in edges]
    outgoing: dict[int, list[int]] = {}
    incoming: dict[int, list[int]] = {}
    for i, (flow, source, target, _, _) in enumerate(edges):
        if flow.kind != "transform":
            outgoing.setdefault(id(source), []).append(i)
            incoming.setdefault(id(target), []).append(i)
    start_y: dict[int, float] = {}
    end_y: dict[int, float] = {}
    for ports, result, side in ((outgoing, start_y, 0), (incoming, end_y, 1)):
        for indices in ports.values():
            indices.sort(key=lambda i: (boxes[i][1 - side].cy, i))  # by where the other end is
            for rank, i in enumerate(indices):
                box = boxes[i][side]
                result[i] = box.y + box.h * (rank + 1) / (len(indices) + 1)
    lanes = 0
    for i, (flow, source, target, source_zone, target_zone) in enumerate(edges):
        tooltip = [f"{_kind_label(flow)}: {flow.label}"]
        ends = f' data-from="{t.xml(flow.source)}" data-to="{t.xml(flow.target)}" data-kind="{flow.kind}"'
        cls = "flow cross" if flow.cross_zone else "flow"
        marker = "arrow-cross" if flow.cross_zone else "arrow"
        if flow.kind == "transform":
            x = source.x + 26
            d = f"M{n(x)},{n(source.bottom)} V{n(target.y - 2)}"
            svg.open_group("", "flow-group", tooltip, ends)
            svg.add(f'<path class="{cls}" d="{d}" marker-end="url(#{marker})"/>')
            svg.text(x + 8, (source.bottom + target.y) / 2 + 4, "transform", "small", "pruned")
            svg.close_group()
            continue
        y1, y2 = start_y[i], end_y[i]
        if flow.cross_zone and not source_zone.zone.collapsed and not target_zone.zone.collapsed:
            lane = source.right + 14 + 9 * lanes
            lanes += 1
            d = (f"M{n(source.right)},{n(y1)} H{n(lane)} V{n(y2)} H{n(target.x - 1)}")
        elif flow.cross_zone:  # to or from a card
            x1, x2 = source.right, target.x
            if x2 <= x1 + 20:  # the target is left of the source: leave and enter from below and above
                d = (f"M{n(source.cx)},{n(source.bottom)} C{n(source.cx)},{n(source.bottom + 60)} "
                     f"{n(target.cx)},{n(target.y - 60)} {n(target.cx)},{n(target.y - 1)}")
            else:
                mid = (x1 + x2) / 2
                d = f"M{n(x1)},{n(y1)} C{n(mid)},{n(y1)} {n(mid)},{n(y2)} {n(x2 - 1)},{n(y2)}"
        else:
            x1, x2 = source.right, target.x
            mid = (x1 + x2) / 2
            d = f"M{n(x1)},{n(y1)} C{n(mid)},{n(y1)} {n(mid)},{n(y2)} {n(x2 - 1)},{n(y2)}"
        svg.open_group("", "flow-group cross" if flow.cross_zone else "flow-group", tooltip, ends)
        if flow.cross_zone:
            svg.add(f'<path class="halo" d="{d}"/>')
        svg.add(f'<path class="{cls}" d="{d}" marker-end="url(#{marker})"/>')
        svg.close_group()


def _kind_label(flow: Flow) -> str:
    if flow.cross_zone:
        return "cross-zone read"
    return {"writes": "lands in the lake", "transform": "transforms into the next layer", "reads": "read by",
            "consumes": "consumed by"}.get(flow.kind, flow.kind)


# ---------------------------------------------------------------------------------------------------------------
# Deployment order and legend


def _footer(svg: Svg, layout: Layout) -> None:
    view = layout.view
    top = layout.footer_top
    order_w = layout.content_w - 380
    x = layout.left
    svg.text(x, top + 14, "Deployment order", "title")
    svg.text(x + 150, top + 14, "(units of one step deploy in parallel)", "small", "pruned")
    y = top + 14
    for step, names in view.steps:
        y += LINE["meta"]
        svg.text(x, y, t.fit(f"{step}. {', '.join(names)}", SIZE["meta"], order_w - 20), "meta")
    _legend(svg, layout.left + layout.content_w - 360, top)


def _legend(svg: Svg, x: float, top: float) -> None:
    svg.text(x, top + 14, "Legend", "title")
    y = top + 28
    rows = [
        ("zone", "a zone: one subscription, its VNet, address space and subnets"),
        ("firewall", "Azure Firewall: DNS proxy and egress of every zone"),
        ("chip", "a kept service of a unit (step N of the deployment order)"),
        ("pruned", "a pruned service (hover for why)"),
        ("lake", "a lake layer and the containers in it"),
        ("flow", "data flow: integration \u2192 layer \u2192 product"),
        ("cross", "a read that crosses a zone boundary"),
        ("peering", "VNet peering"),
    ]
    for kind, meaning in rows:
        box = Box(x, y, 40, 16)
        if kind == "zone":
            svg.rect(box, tint("#0b7a75", 0.9), "#0b7a75", radius=4)
        elif kind == "firewall":
            svg.rect(box, "#fdecea", "#c62828", radius=4)
        elif kind == "chip":
            svg.rect(box, tint("#0b7a75", 0.82), radius=8)
        elif kind == "pruned":
            svg.rect(box, "#ffffff", "#c8c8c8", radius=8, extra=' stroke-dasharray="3 2"')
        elif kind == "lake":
            svg.rect(box, "#e8f1fb", "#2f63a8", radius=8)
        elif kind in ("flow", "cross"):
            cls = "flow cross" if kind == "cross" else "flow"
            marker = "arrow-cross" if kind == "cross" else "arrow"
            svg.add(f'<path class="{cls}" d="M{n(x)},{n(y + 8)} H{n(x + 38)}" marker-end="url(#{marker})"/>')
        elif kind == "peering":
            svg.add(f'<path class="peering" d="M{n(x)},{n(y + 8)} H{n(x + 40)}"/>')
        svg.text(x + 50, y + 12, meaning, "small")
        y += 22
