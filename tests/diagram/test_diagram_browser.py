"""The SVG and the HTML page in a real headless browser (Debian's chromium): the screenshot holds every zone in
its colour where the layout put it, and the page's script shows what --explain says about the element a link
names. Skipped, with the reason, where chromium is not installed."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from diagram import browser

from relecloud_templates.diagram import draw, title
from relecloud_templates.diagram.model import build_view
from relecloud_templates.diagram.svg import HEADER_H, Layout, tint
from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan

pytestmark = pytest.mark.skipif(browser.executable() is None, reason=browser.MISSING)
SCALE = 0.5  # screenshots at half size: a quarter of the pixels to read, zones still many pixels tall


@pytest.fixture(scope="module")
def drawn(request, tmp_path_factory):
    manifest = load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml")
    plan = build_plan(manifest)
    view = build_view(plan, title(manifest))
    folder = tmp_path_factory.mktemp("diagram")
    for fmt in ("svg", "html"):
        (folder / f"estate.{fmt}").write_text(draw(plan, title(manifest), fmt), encoding="utf-8")
    return view, folder


@pytest.fixture(scope="module")
def svg_shot(drawn) -> tuple[browser.Png, Layout]:
    view, folder = drawn
    layout = Layout(view)
    target = folder / "svg.png"
    browser.screenshot((folder / "estate.svg").as_uri(), target, round(layout.width), round(layout.height), SCALE)
    return browser.Png(target), layout


def test_the_svg_screenshot_holds_every_zone_in_its_colour_where_the_layout_put_it(svg_shot):
    shot, layout = svg_shot
    assert abs(shot.width - layout.width * SCALE) <= 1 and abs(shot.height - layout.height * SCALE) <= 1
    assert len(layout.zones) == 3
    for name, zone in layout.zones.items():
        box = zone.box
        header = shot.pixel(int((box.x + 7) * SCALE), int((box.y + HEADER_H - 6) * SCALE))
        assert browser.close(header, browser.hex_rgb(zone.zone.colour)), (name, header, zone.zone.colour)
        body = shot.pixel(int((box.x + 4) * SCALE), int((box.bottom - 6) * SCALE))
        assert browser.close(body, browser.hex_rgb(tint(zone.zone.colour, 0.94)), 12), (name, body)
    # and the space between zones is the page's white, so the regions are really where the layout says
    gap = layout.zones["operations"].box.y - 38  # above the peering bus's label, whose glyphs reach y - 30
    assert browser.close(shot.pixel(int((layout.left + 200) * SCALE), int(gap * SCALE)), (255, 255, 255))


def test_the_svg_screenshot_shows_flows_in_orange_and_text(svg_shot):
    shot, _ = svg_shot
    colours = shot.colours()
    assert any(browser.close(c, browser.hex_rgb("#d9480f"), 30) for c in colours)  # cross-zone reads
    assert len(colours) > 50  # text, shapes, tints: not a blank page


def test_a_link_to_a_pruned_service_opens_the_page_on_why(drawn):
    _, folder = drawn
    dom = browser.dump_dom((folder / "estate.html").as_uri() + "#service:billing/databricksIntegration")
    panel = re.search(r'<aside id="panel"[^>]*data-shown="([^"]+)"[^>]*>(.*?)</aside>', dom, re.S)
    assert panel is not None, "the page's script did not show the linked element"
    assert unescape(panel[1]) == "service:billing/databricksIntegration"
    heading = unescape(re.search(r'<h2 id="panel-title">(.*?)</h2>', panel[2], re.S)[1])
    assert heading.startswith("Databricks workspace for integrations: pruned, no integration of the zone runs")
    assert re.search(r'<span id="panel-state" class="state pruned"[^>]*>pruned</span>', panel[2])
    assert re.search(r'data-id="service:billing/databricksIntegration"[^>]*class="[^"]*selected|'
                     r'class="[^"]*selected[^"]*"[^>]*data-id="service:billing/databricksIntegration"', dom)


def test_the_html_page_renders_the_picture_offline(drawn):
    view, folder = drawn
    target = folder / "html.png"
    browser.screenshot((folder / "estate.html").as_uri(), target, 1600, 2000, SCALE)
    shot = browser.Png(target)
    colours = shot.colours()
    for zone in view.zones:  # each zone's header colour is on screen
        assert any(browser.close(c, browser.hex_rgb(zone.colour), 6) for c in colours), zone.name
    html = Path(folder / "estate.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
