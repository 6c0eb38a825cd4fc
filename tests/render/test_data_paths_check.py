"""The proof over rendered output (render/data_paths.py, lint rule W7010): the bundled estate holds a grant, a
network path and an approval for every data path, and a rendered copy that lost any one of them is caught."""

from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

from relecloud_templates.cli import cli
from relecloud_templates.plan.loading import plan_manifest
from relecloud_templates.render.data_paths import missing_parts
from relecloud_templates.render.output import render_files
from relecloud_templates.resources import scenarios_dir


@pytest.fixture(scope="module")
def rendered():
    manifest, plan = plan_manifest(scenarios_dir() / "relecloud.yaml", "dev")
    files = render_files(manifest, plan, "relecloud.yaml", "arm").files
    document = json.loads(files["plan.json"])
    templates = {u["name"]: json.loads(files[u["template"]]) for u in document["units"]}
    return document, templates


def resources(node):
    """(list, resource) for every resource below ``node``, nested deployments included."""
    if isinstance(node, dict):
        for item in node.get("resources") or ():
            if isinstance(item, dict):
                yield node["resources"], item
                yield from resources((item.get("properties") or {}).get("template"))


def remove(template, keep) -> int:
    removed = 0
    for owner, resource in list(resources(template)):
        if not keep(resource):
            owner.remove(resource)
            removed += 1
    return removed


def break_part(plan, templates, edge, part):
    """A copy of the rendered estate without ``part`` of ``edge``."""
    plan, templates = copy.deepcopy(plan), copy.deepcopy(templates)
    store, identity = edge["store"], edge["identity"]
    unit = edge[{"grant": "grant", "network path": "networkPath", "approval": "approval"}[part]]["unit"]
    steps = next(u for u in plan["units"] if u["name"] == unit)["dataPlane"]
    account = f"'{store['account']}'"
    if part == "grant" and edge["kind"] == "scan":  # Purview's grant is at the zone's subscription
        assert remove(templates[unit], lambda r: not (r["type"] == "Microsoft.Authorization/roleAssignments"
                                                      and "scope" not in r and "2a2b9908" in json.dumps(r)
                                                      and identity["name"] in r["properties"]["principalId"]))
    elif part == "grant":
        assert remove(
            templates[unit],
            lambda r: (
                not (
                    r["type"] == "Microsoft.Authorization/roleAssignments"
                    and r.get("scope", "").endswith("/containers/" + store["container"])
                    and identity["name"] in r["properties"]["principalId"]
                )
            ),
        )
    elif edge["engine"] == "databricks":  # the path and its approval are the lake's own private endpoint
        for _, resource in resources(templates[unit]):
            connections = resource.get("properties", {}).get("privateLinkServiceConnections")
            if resource["type"] == "Microsoft.Network/privateEndpoints" and account in json.dumps(connections):
                if part == "network path":
                    connections[0]["properties"]["groupIds"] = ["blob"]
                else:  # an endpoint that waits for an approval nobody gives
                    resource["properties"]["manualPrivateLinkServiceConnections"] = connections
                    del resource["properties"]["privateLinkServiceConnections"]
    elif part == "approval":
        steps[:] = [s for s in steps if not (s["action"] == "approvePrivateEndpoint"
                                             and s["requesterName"] == identity["name"])]
    elif edge["engine"] == "purview":  # its endpoints to this lake (a data-plane step of the lake's unit)
        steps[:] = [s for s in steps if not (s["action"] == "purviewManagedPrivateEndpoint"
                                             and s["target"].endswith("/" + store["account"]))]
    elif edge["engine"] == "synapse":
        steps[:] = [s for s in steps if not (s["action"] == "synapseManagedPrivateEndpoint"
                                             and s["target"].endswith("/" + store["account"]))]
        for _, resource in resources(templates[unit]):
            if resource["type"] == "Microsoft.Synapse/workspaces":
                resource["properties"]["defaultDataLakeStorage"]["createManagedPrivateEndpoint"] = False
    else:
        kind = "managedPrivateEndpoints" if edge["engine"] == "dataFactory" else "outboundRules"
        assert remove(templates[unit], lambda r: not (r["type"].endswith(kind) and account in json.dumps(r)))
    return plan, templates


def test_the_rendered_bundled_estate_holds_every_part_of_every_path(rendered):
    plan, templates = rendered
    assert len(plan["access"]) == 25 and sum(e["kind"] == "scan" for e in plan["access"]) == 6
    assert missing_parts(plan, templates) == []


def chosen_edges(plan):
    """One path per engine (Purview's scans included), and both reads across zones."""
    picked, engines = [], set()
    for edge in plan["access"]:
        if (edge["acrossZones"] and edge["kind"] == "read") or edge["engine"] not in engines:
            picked.append(edge)
            engines.add(edge["engine"])
    return picked


@pytest.mark.parametrize("part", ["grant", "network path", "approval"])
def test_a_copy_without_one_part_of_a_path_is_caught(rendered, part):
    plan, templates = rendered
    edges = chosen_edges(plan)
    assert {e["engine"] for e in edges} == {"databricks", "dataFactory", "machineLearning", "synapse", "purview"}
    assert sum(e["acrossZones"] and e["kind"] == "read" for e in edges) == 2
    for edge in edges:
        broken_plan, broken_templates = break_part(plan, templates, edge, part)
        found = [(m.edge, m.part) for m in missing_parts(broken_plan, broken_templates)]
        label = next(m.edge for m in missing_parts(plan | {"access": [edge]}, {}) if m.part == "grant")
        assert (label, part) in found, (edge["workload"], edge["engine"], part)
        # Databricks' path is the lake's own endpoint, which is also what is approved: without it, both are gone
        also = {"approval"} if edge["engine"] == "databricks" and part == "network path" else set()
        assert {p for _, p in found} == {part} | also


def test_validate_reports_a_lost_grant_at_the_path_in_plan_json(rendered, tmp_path):
    plan, templates = rendered
    edge = next(e for e in plan["access"] if e["acrossZones"])
    broken_plan, broken_templates = break_part(plan, templates, edge, "grant")
    (tmp_path / "plan.json").write_text(json.dumps(broken_plan | {"written": {}}, indent=2))
    for unit in broken_plan["units"]:
        (tmp_path / unit["template"]).parent.mkdir(exist_ok=True)
        (tmp_path / unit["template"]).write_text(json.dumps(broken_templates[unit["name"]]))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "plan.json"), "--format", "json"])
    found = [d for d in json.loads(result.output)["findings"] if d["code"] == "W7010"]
    assert len(found) == 1 and "no grant" in found[0]["message"] and edge["workload"] in found[0]["message"]


def test_purview_scans_lose_their_path_without_the_managed_virtual_network_runtime(rendered):
    plan, templates = rendered
    broken = copy.deepcopy(plan)
    for unit in broken["units"]:
        unit["dataPlane"] = [s for s in unit["dataPlane"] if s["action"] != "purviewManagedRuntime"]
    found = missing_parts(broken, templates)
    assert len(found) == 6 and {(m.part, m.unit) for m in found} <= {
        ("network path", u) for u in ("operations", "billing")
    }
    assert all("no managed virtual network runtime of rc-dev-mgmt-purview" in m.why and "in unit mgmt" in m.why
               for m in found)
