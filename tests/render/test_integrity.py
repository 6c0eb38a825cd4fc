"""The estate integrity checks find what they promise to find (so that a clean estate means something)."""

from __future__ import annotations

import copy
import json

import pytest

from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.render import render_files
from relecloud_templates.resources import scenarios_dir
from tests.render.integrity import RenderedUnit, check_estate, template_findings


@pytest.fixture(scope="module")
def units() -> list[RenderedUnit]:
    manifest = load_manifest(scenarios_dir() / "relecloud.yaml")
    plan = build_plan(manifest)
    rendered = render_files(manifest, plan, "relecloud.yaml", output_format="arm")
    found = []
    for unit in plan.units:
        template = json.loads(rendered.files[f"{unit.name}/main.json"])
        values = json.loads(rendered.files[f"{unit.name}/main.parameters.json"])["parameters"]
        found.append(RenderedUnit(unit.name, unit.subscription_id, unit.resource_group, template,
                                  {k: v["value"] for k, v in values.items()}))
    return found


def test_a_renamed_shared_resource_dangles_in_every_unit_that_refers_to_it(units):
    broken = copy.deepcopy(units)
    mgmt = next(u for u in broken if u.name == "mgmt")
    mgmt.template = json.loads(json.dumps(mgmt.template).replace("privatelink.blob.", "privatelink.blobx.", 1))
    problems = check_estate(broken)
    assert problems and all("privatelink.blob.core.windows.net" in p and "which no unit deploys" in p
                            for p in problems)
    assert {p.split(":")[0] for p in problems} >= {"operations", "billing"}


def test_a_unit_deployed_to_another_subscription_leaves_its_peers_dangling(units):
    moved = copy.deepcopy(units)
    operations = next(u for u in moved if u.name == "operations")
    operations.subscription = "00000000-0000-4000-8000-000000000000"
    assert any(p.startswith("billing: ") and "rc-dev-operations-vnet" in p for p in check_estate(moved))


def test_template_findings_name_what_dangles_and_what_is_unused():
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "parameters": {"unused": {"type": "string"}},
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                               "name": "st1", "kind": "[variables('missing')]", "dependsOn": ["nothing"]}]}
    found = " ".join(template_findings(template))
    assert all(code in found for code in ("E1002", "E1003", "W2001")), found
