"""The walkthrough "Adding a service" of docs/ARCHITECTURE.md is true: its three blocks, taken from the page and
run as written, add a service that is planned, rendered at its spec's API version and name-checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader

from relecloud_templates import naming, services
from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.plan.landing import LandingZonePlanner
from relecloud_templates.render import render_files
from relecloud_templates.render.api_versions import api_version
from relecloud_templates.render.environment import environment

_BLOCK = re.compile(r"<!-- walkthrough: (\w+)(?: (\S+))? -->\n```\w+\n(.*?)```", re.DOTALL)


def walkthrough(project_root: Path) -> dict[str, tuple[str | None, str]]:
    text = (project_root / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return {kind: (where, body) for kind, where, body in _BLOCK.findall(text)}


@pytest.fixture
def with_toy_service(project_root, tmp_path, monkeypatch):
    blocks = walkthrough(project_root)
    assert set(blocks) == {"template", "spec", "planner"}
    # 1. the template, in a templates folder searched before the bundled one
    where, body = blocks["template"]
    (tmp_path / where).parent.mkdir(parents=True)
    (tmp_path / where).write_text(body, encoding="utf-8")
    monkeypatch.setattr(environment(), "loader", ChoiceLoader([FileSystemLoader(str(tmp_path)), environment().loader]))
    # 2. the spec, registered (in a copy of the registry, so other tests do not see it)
    monkeypatch.setattr(services, "SPECS", list(services.SPECS))
    spec_module: dict = {}
    exec(compile(blocks["spec"][1], "ARCHITECTURE.md:spec", "exec"), spec_module)
    # 3. the planner line, in the landing zone's planner
    planner_line = compile(blocks["planner"][1], "ARCHITECTURE.md:planner", "exec")
    original = LandingZonePlanner._governance

    def governance(self):
        original(self)
        exec(planner_line, {**spec_module, "self": self})

    monkeypatch.setattr(LandingZonePlanner, "_governance", governance)
    return spec_module


def test_the_walkthrough_adds_a_rendered_and_checked_service(with_toy_service, bundled_manifest):
    spec = with_toy_service["APP_CONFIGURATION"]
    assert api_version("Microsoft.AppConfiguration/configurationStores") == "2024-06-01"
    manifest = load_manifest(bundled_manifest)
    plan = build_plan(manifest)
    kept = [s for unit in plan.units for s in unit.kept if s.spec is spec]
    assert {(s.key, s.context["store"]) for s in kept} == {("appConfiguration", "rc-dev-operations-appcs"),
                                                            ("appConfiguration", "rc-dev-billing-appcs")}
    files = render_files(manifest, plan, "scenarios/relecloud.yaml", "arm").files
    template = json.loads(files["operations/main.json"])
    [deployment] = [r for r in template["resources"] if r["name"].endswith("-appConfiguration")]
    [store] = deployment["properties"]["template"]["resources"]
    assert store["apiVersion"] == "2024-06-01" and store["name"] == "rc-dev-operations-appcs"


def test_the_new_service_names_are_checked_against_its_rule(with_toy_service, bundled_manifest):
    manifest = load_manifest(bundled_manifest)
    long_zone = manifest.landing_zones[0].__class__(**{**manifest.landing_zones[0].__dict__,
                                                        "name": "operations-" + "x" * 40})
    found = naming.check_names(manifest.__class__(**{**manifest.__dict__, "landing_zones": (long_zone,)}))
    assert any(message.startswith("App Configuration store name") and "characters long" in message
               for _, message, _ in found)
