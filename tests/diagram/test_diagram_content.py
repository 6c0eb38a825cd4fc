"""What the estate diagram holds, in every format: each zone, subscription, VNet, peering, unit and data flow of
the bundled scenario, taken from the plan; and that the same plan always gives the same bytes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from relecloud_templates.diagram import DIAGRAM_FORMATS, draw, title
from relecloud_templates.diagram.mermaid import flowchart, markdown
from relecloud_templates.diagram.model import build_view, lake_id, workload_id
from relecloud_templates.diagram.text import fit, width
from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def scenario(request):
    manifest = load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml")
    return manifest, build_plan(manifest)


@pytest.fixture(scope="module")
def drawings(scenario) -> dict[str, str]:
    manifest, plan = scenario
    return {fmt: draw(plan, title(manifest), fmt) for fmt in DIAGRAM_FORMATS}


@pytest.fixture(scope="module")
def view(scenario):
    manifest, plan = scenario
    return build_view(plan, title(manifest))


def zone_facts(manifest):
    """(name, subscription, address space) of every zone, as the manifest writes them."""
    mgmt = manifest.management_zone
    return [(mgmt.name, mgmt.subscription_id, mgmt.network.address_space),
            *((z.name, z.subscription_id, z.network.address_space) for z in manifest.landing_zones)]


def expected_flows(plan) -> set[tuple[str, str]]:
    """Every workload's way into and out of the lake, as the plan records it (from the manifest's reads)."""
    flows = set()
    for w in plan.workloads:
        if w.kind == "integration":
            first = "lakeRaw" if "lakeRaw" in w.writes else w.writes[0]
            flows.add((workload_id(w.zone, w.name), lake_id(w.zone, first)))
        for zone, name in w.reads:
            source = plan.workload(zone, name)
            layer = [k for k in ("lakeRaw", "lakeEnrichedCurated") if k in source.writes][-1]
            flows.add((lake_id(zone, layer), workload_id(w.zone, w.name)))
    return flows


@pytest.mark.parametrize("fmt", DIAGRAM_FORMATS)
def test_every_zone_subscription_network_and_unit_is_drawn(drawings, scenario, fmt):
    manifest, plan = scenario
    text = drawings[fmt]
    for name, subscription, address_space in zone_facts(manifest):
        assert name in text and subscription in text and address_space in text, (fmt, name)
    for unit in plan.units:
        assert unit.name in text, (fmt, unit.name)
    for workload in plan.workloads:
        assert workload.name in text, (fmt, workload.name)
    assert "Azure Firewall" in text and "DNS proxy" in text and "egress" in text
    assert "Power BI" in text  # recommender-revenue's consumer


def test_the_scenario_facts_the_picture_must_show(scenario):
    """Guards the expectations below: the bundled scenario peers as a mesh and reads across zones both ways."""
    _, plan = scenario
    assert plan.topology == "mesh" and ("operations", "billing") in plan.peerings
    crossing = {(w.label, f"{zone}/{name}") for w, (zone, name) in plan.cross_zone_reads()}
    assert crossing == {("operations/recommender-revenue", "billing/revenue-by-service"),
                        ("billing/revenue-by-service", "operations/service-telemetry")}


def test_mermaid_has_every_peering_and_flow(drawings, scenario):
    _, plan = scenario
    chart = drawings["mermaid"]
    assert chart.startswith("flowchart TB\n")
    for a, b in plan.peerings:
        assert f"zone_{a} <-. peering .-> zone_{b}" in chart
    edges = set(re.findall(r"^  (\w+) (?:--|==|-\.).*?(?:-->|==>|\.->) (\w+)$", chart, re.M))
    for source, target in expected_flows(plan):
        assert (_mermaid_id(source), _mermaid_id(target)) in edges, (source, target)
    crossing = re.findall(r'^  (\w+) == "cross-zone read: ([^"]+)" ==> (\w+)$', chart, re.M)
    assert sorted(label for _, label, _ in crossing) == ["billing/revenue-by-service", "operations/service-telemetry"]
    styled = {int(i) for i in re.findall(r"^  linkStyle (\d+) stroke:#d9480f", chart, re.M)}
    edge_lines = [line for line in chart.splitlines() if re.match(r"^  \w+ (--|==|-\.|<-\.)", line)]
    assert {i for i, line in enumerate(edge_lines) if "cross-zone read" in line} == styled  # drawn distinctly


def _mermaid_id(element_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", element_id).strip("_")


def test_markdown_wraps_the_chart_with_order_legend_and_pruned_services(drawings, scenario):
    _, plan = scenario
    page = drawings["markdown"]
    assert "```mermaid\nflowchart TB\n" in page
    assert "## Deployment order" in page and "- step 1: mgmt" in page and "## Legend" in page
    pruned = [(u.name, s.title) for u in plan.units for s in u.pruned]
    for unit, service in pruned:
        assert f"| {unit} | {service} |" in page


def test_svg_is_well_formed_with_every_element_peering_and_flow(drawings, scenario):
    _, plan = scenario
    root = ET.fromstring(drawings["svg"])
    ids = {g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("data-id")}
    for unit in plan.zone_units():
        assert f"zone:{unit.zone}" in ids and f"unit:{unit.name}" in ids
        for service in unit.services:
            assert f"service:{unit.name}/{service.key}" in ids  # kept and pruned services, each its own element
    for w in plan.workloads:
        assert workload_id(w.zone, w.name) in ids
    peerings = {(g.get("data-from"), g.get("data-to")) for g in root.iter(f"{SVG}g") if g.get("class") == "peering"}
    assert peerings == set(plan.peerings)
    flows = {(g.get("data-from"), g.get("data-to")): g.get("class") for g in root.iter(f"{SVG}g") if g.get("data-kind")}
    for flow in expected_flows(plan):
        assert flow in flows, flow
    crossing = {pair for pair, cls in flows.items() if cls == "flow-group cross"}
    assert crossing == {(lake_id("billing", "lakeEnrichedCurated"), workload_id("operations", "recommender-revenue")),
                        (lake_id("operations", "lakeRaw"), workload_id("billing", "revenue-by-service"))}


def test_pruned_services_are_faded_and_say_why(drawings, scenario):
    _, plan = scenario
    root = ET.fromstring(drawings["svg"])
    service = plan.unit("billing").service("databricksIntegration")
    assert not service.kept
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == "service:billing/databricksIntegration")
    assert "pruned" in group.get("class")
    assert "no integration of the zone runs on Databricks" in group.find(f"{SVG}title").text


def test_html_is_offline_and_carries_what_explain_says(drawings, view):
    page = drawings["html"]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing loaded from anywhere
    assert "<svg" in page and "<script>" in page
    data = json.loads(re.search(r'<script type="application/json" id="explanations">(.*?)</script>', page, re.S)[1])
    assert data == view.explanations()
    lake = data["lake:operations/lakeRaw"]
    assert lake[0].strip().startswith("+ Data lake: raw") and any("service-telemetry" in line for line in lake)
    assert data["service:billing/dataFactory"][0].strip().startswith("- Data Factory (shared integration): pruned")


@pytest.mark.parametrize("fmt", DIAGRAM_FORMATS)
def test_the_same_plan_gives_the_same_bytes(scenario, drawings, fmt):
    manifest = load_manifest(scenario[0].path)
    assert draw(build_plan(manifest), title(manifest), fmt) == drawings[fmt]


def test_deployment_steps_follow_the_plan_order(view, scenario):
    _, plan = scenario
    step = {name: number for number, names in view.steps for name in names}
    assert sorted(step) == sorted(u.name for u in plan.units)
    for unit in plan.units:
        assert all(step[d] < step[unit.name] for d in unit.depends_on), unit.name


def test_many_zones_collapse_to_cards_and_a_focus_shows_one_zone_whole():
    from bench.synthetic import manifest_text

    manifest = _manifest(manifest_text(8, 4))
    plan = build_plan(manifest)
    view = build_view(plan, "Synthetic")
    assert [z.collapsed for z in view.landing] == [True] * 8
    assert view.drawn_peerings == []  # 28 mesh pairs: listed per zone, not drawn as lines
    chart = flowchart(view)
    card = view.explanations()["zone:zone001"]  # a card's explanation holds what --explain says of its units
    assert any(line.startswith("zone001-product01  (data product;") for line in card)
    page = markdown(view)
    assert "The 8 collapsed zones prune " in page and "| zone001-" not in page  # not 30 pages of pruned rows
    assert "zone_zone001 <-. peering .-> zone_zone002" not in chart  # mesh pairs: not drawn at this size
    assert "zone_mgmt <-. peering .-> zone_zone007" in chart
    focus = build_view(plan, "Synthetic", focus="zone003")
    assert [(z.name, z.collapsed) for z in focus.landing] == [("zone002", True), ("zone003", False), ("zone004", True)]
    assert focus.hidden_zones == ["zone000", "zone001", "zone005", "zone006", "zone007"]
    assert all(names and all(n == "mgmt" or n.startswith(("zone002", "zone003", "zone004")) for n in names)
               for _, names in focus.steps)
    expanded = build_view(plan, "Synthetic", collapse=False)
    assert not any(z.collapsed for z in expanded.landing)
    root = ET.fromstring(draw(plan, "Synthetic", "svg", focus="zone003"))
    zones = {g.get("data-id") for g in root.iter(f"{SVG}g") if (g.get("data-id") or "").startswith("zone:")}
    assert zones == {"zone:mgmt", "zone:zone002", "zone:zone003", "zone:zone004"}
    assert "5 other landing zone(s) not shown" in "".join(root.itertext())


def _manifest(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "estate.yaml"
        path.write_text(text, encoding="utf-8")
        return load_manifest(path)


def test_labels_are_shortened_to_fit_their_box():
    text = "operations-cloud-service-recommender"
    short = fit(text, 12, 120)
    assert short.endswith("\u2026") and width(short, 12) <= 120 and text.startswith(short[:-1])
    assert fit("mgmt", 12, 120) == "mgmt"
    assert width("WWW", 12) > width("iii", 12)


def test_an_integration_without_a_unit_of_its_own_is_still_drawn_with_its_flows(scenario):
    """The planner may run an integration wholly on its zone's shared services (no unit): it stays in the picture."""
    import copy
    import dataclasses

    plan = copy.deepcopy(scenario[1])  # the fixture's plan is shared: change a copy
    plan = dataclasses.replace(plan, units=[u for u in plan.units if u.name != "billing-invoices"],
                               workloads=[dataclasses.replace(w, unit=None) if w.name == "invoices" else w
                                          for w in plan.workloads])
    for u in plan.units:
        u.depends_on = [d for d in u.depends_on if d != "billing-invoices"]
    view = build_view(plan, "x")
    invoices = next(w for w in view.landing[1].workloads if w.name == "invoices")
    assert invoices.unit is None
    svg = draw(plan, "x", "svg")
    root = ET.fromstring(svg)
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-id") == "workload:billing/invoices")
    texts = [t.text for t in group.iter(f"{SVG}text")]
    assert " ".join(texts[-2:]) == "no unit: runs on the zone's shared services"  # wrapped, not cut
    assert any(g.get("data-from") == "workload:billing/invoices" for g in root.iter(f"{SVG}g"))
    assert "no unit: runs on the zone's shared services" in draw(plan, "x", "mermaid")


def test_pairs_topology_draws_only_the_pairs():
    from plan.manifests import landing_zone
    from plan.manifests import manifest as small_manifest

    from relecloud_templates.manifest.model import Peering

    zones = [landing_zone(n, i) for i, n in ((2, "a"), (3, "b"), (4, "c"))]
    built = small_manifest(*zones)
    built = built.__class__(**{**built.__dict__, "peering": Peering("pairs", (("a", "c"),))})
    plan = build_plan(built)
    root = ET.fromstring(draw(plan, "pairs", "svg"))
    drawn = {(g.get("data-from"), g.get("data-to")) for g in root.iter(f"{SVG}g") if g.get("class") == "peering"}
    assert drawn == {("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "c")}
    chart = draw(plan, "pairs", "mermaid")
    assert "zone_a <-. peering .-> zone_c" in chart and "zone_a <-. peering .-> zone_b" not in chart
