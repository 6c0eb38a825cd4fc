"""A second Azure review of the rendered estate (after issues 11 and 19 landed): each test names a way the
bundled scenario's output would fail on Azure, fails on the output rendered before its fix and passes after.
Both environments are rendered once, in memory."""

from __future__ import annotations

import ipaddress
import json
import re

import pytest

from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.render import render_files

DEPLOYMENTS = "Microsoft.Resources/deployments"


@pytest.fixture(scope="module", params=["dev", "prd"])
def estate(request):
    """(environment, unit name -> its template) of the bundled scenario."""
    loaded = load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml", env=request.param)
    plan = build_plan(loaded)
    files = render_files(loaded, plan, "scenarios/relecloud.yaml", "arm").files
    return request.param, {u.name: json.loads(files[f"{u.name}/main.json"]) for u in plan.units}


def resources(template: dict) -> list[dict]:
    """Every resource of a template, those of its nested deployments' templates included."""
    found, stack = [], list(template["resources"])
    while stack:
        resource = stack.pop()
        found.append(resource)
        if resource["type"] == DEPLOYMENTS:
            stack.extend(resource["properties"]["template"]["resources"])
    return found


def waits_for(deployments: dict[str, dict], reader: str) -> set[str]:
    """The sibling deployments ``reader`` depends on, directly or through others."""
    seen: set[str] = set()
    stack = [reader]
    while stack:
        for entry in deployments[stack.pop()].get("dependsOn", []):
            match = re.search(r"'Microsoft\.Resources/deployments', '([^']+)'\)", entry)
            if match and match.group(1) not in seen:
                seen.add(match.group(1))
                stack.append(match.group(1))
    return seen


def test_diagnostics_wait_for_the_workspace_a_sibling_deployment_of_the_unit_creates(estate):
    """A diagnostic setting is checked against its destination when it is written (Azure Monitor authorizes the
    link to the workspace): sent to a Log Analytics workspace that a sibling nested deployment is still creating,
    it fails. ARM orders nested deployments only by dependsOn; a plain resourceId() in `workspaceId` orders
    nothing. Before the fix, the landing zones' lakes, Synapse, Spark pools and Databricks, and the batch
    integration's Key Vault, raced their unit's own workspace."""
    _, templates = estate
    checked = 0
    for unit, template in templates.items():
        deployments = {r["name"]: r for r in template["resources"] if r["type"] == DEPLOYMENTS}
        creates = {r["name"]: name for name, d in deployments.items()
                   for r in d["properties"]["template"]["resources"]
                   if r["type"] == "Microsoft.OperationalInsights/workspaces"}
        for name, deployment in deployments.items():
            for setting in deployment["properties"]["template"]["resources"]:
                if setting["type"] != "Microsoft.Insights/diagnosticSettings":
                    continue
                workspace = re.search(r"'Microsoft\.OperationalInsights/workspaces', '([^']+)'\)",
                                      setting["properties"]["workspaceId"]).group(1)
                creator = creates.get(workspace)
                if creator is None or creator == name:
                    continue  # made by an earlier unit (the deploy order waits for it) or in the same template
                checked += 1
                assert creator in waits_for(deployments, name), \
                    f"{unit}: {name} sends diagnostics to {workspace}, which {creator} creates, without waiting for it"
    assert checked >= 10
