"""Issue 19: every write and read of the bundled estate has an identity, a grant on its container, a network path
and an approval; plan --access shows them; an edge that cannot be completed is a located manifest error."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from relecloud_templates.cli import cli
from relecloud_templates.plan.loading import plan_manifest
from relecloud_templates.render.output import render_files
from relecloud_templates.resources import scenarios_dir


@pytest.fixture(scope="module")
def planned():
    return plan_manifest(scenarios_dir() / "relecloud.yaml", "dev")


def edge(plan, workload, kind="write", source=None, account_part=""):
    return next(e for e in plan.edges if e.workload == workload and e.kind == kind and e.source == source
                and account_part in e.store.account)


def test_every_write_and_read_of_the_bundled_estate_is_complete(planned):
    _, plan = planned
    reads = [(e.workload, e.source) for e in plan.edges if e.kind == "read"]
    assert reads == [
        ("operations/cloud-service-recommender", "operations/service-telemetry"),
        ("operations/cloud-service-recommender", "operations/cloud-accounts"),
        ("operations/recommender-revenue", "operations/cloud-service-recommender"),
        ("operations/recommender-revenue", "billing/revenue-by-service"),
        ("billing/revenue-by-service", "billing/invoices"),
        ("billing/revenue-by-service", "operations/service-telemetry"),
    ]
    writers = {e.workload for e in plan.edges if e.kind == "write"}
    assert writers == {f"{w.zone}/{w.name}" for w in plan.workloads}
    assert all(e.complete for e in plan.edges)
    assert [e.workload for e in plan.edges if e.cross_zone and e.kind != "scan"] == [
        "operations/recommender-revenue", "billing/revenue-by-service"]


def test_each_engine_uses_its_own_identity_and_path(planned):
    _, plan = planned
    telemetry = edge(plan, "operations/service-telemetry")
    assert telemetry.principal.type == "Microsoft.Databricks/accessConnectors"
    assert "private endpoints" in telemetry.path.text and "approved at creation" in telemetry.approval.text
    accounts = edge(plan, "operations/cloud-accounts", account_part="raw")
    assert accounts.principal.type == "Microsoft.DataFactory/factories"
    assert accounts.path.text.startswith("Data Factory managed private endpoint") and accounts.approval.data_plane
    recommender = edge(plan, "operations/cloud-service-recommender", "read", "operations/service-telemetry")
    assert recommender.principal.type == "Microsoft.MachineLearningServices/workspaces"
    assert "outbound rule" in recommender.path.text
    revenue = edge(plan, "billing/revenue-by-service", "read", "billing/invoices")
    assert revenue.principal.type == "Microsoft.Synapse/workspaces" and revenue.path.data_plane


def test_roles_are_contributor_to_write_and_reader_to_read_on_the_container(planned):
    _, plan = planned
    for e in plan.edges:
        if e.kind == "scan":  # Purview reads whole accounts (below)
            continue
        assert e.role == ("Storage Blob Data Contributor" if e.kind == "write" else "Storage Blob Data Reader")
        assert e.store.container_id.endswith(f"/blobServices/default/containers/{e.store.container}")
        assert e.store.container_id in e.grant.text


def test_the_data_owner_grants_a_reader_of_another_zone_and_the_reader_deploys_after_it(planned):
    _, plan = planned
    read = edge(plan, "billing/revenue-by-service", "read", "operations/service-telemetry")
    unit = plan.unit(read.grant.unit)
    assert unit.name == "billing-revenue-by-service"
    grant = unit.service("dataAccessOperations")
    assert (grant.subscription_param, grant.resource_group) == ("operationsSubscriptionId", "rc-dev-operations-storage")
    assert "data owner's subscription" in read.grant.text
    order = [u.name for u in plan.units]
    for e in plan.edges:
        for part in e.parts:
            assert order.index(part.unit) >= order.index(e.store.unit), (e.label, part)
            assert order.index(part.unit) >= order.index(e.principal.unit), (e.label, part)


def test_grants_of_the_rendered_estate_never_cover_a_whole_lake(planned):
    manifest, plan = planned
    files = render_files(manifest, plan, "relecloud.yaml", "arm").files
    blob_roles = ("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")

    def assignments(node):
        if isinstance(node, dict):
            if node.get("type") == "Microsoft.Authorization/roleAssignments":
                yield node
            for value in node.values():
                yield from assignments(value)
        elif isinstance(node, list):
            for value in node:
                yield from assignments(value)

    scoped = [a for path, content in files.items() if path.endswith("/main.json")
              for a in assignments(json.loads(content))
              if any(r in a["properties"]["roleDefinitionId"] for r in blob_roles) and "scope" in a]
    assert len(scoped) >= len([e for e in plan.edges if e.kind != "scan"])
    assert all("/blobServices/default/containers/" in a["scope"] for a in scoped)


def test_plan_access_lists_every_path_with_its_parts_and_units(bundled_manifest):
    result = CliRunner().invoke(cli, ["plan", str(bundled_manifest), "--env", "dev", "--access"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("data paths: 25 (13 writes, 6 reads, 6 scans by Purview, 8 across zones); 25 with "
                                    "a grant")
    block = result.output.split("billing/revenue-by-service reads operations/service-telemetry from ")[1]
    block = block.split("\n\n")[0]
    assert "[across zones]" in block
    assert "identity: Synapse workspace rc-dev-billing-synapse" in block
    assert "grant:    Storage Blob Data Reader on /subscriptions/6a1b2c3d-0000-4000-8000-000000000002/" in block
    assert re.search(
        r"network:  Synapse managed private endpoint rcdevoperationsraw\w*-dfs, rcdevoperationsraw\w*-blob "
        r"\(workspace data plane\) \(deploy performs it\)",
        block,
    )
    assert re.search(r"approval: deploy approves the pending connection on rcdevoperationsraw\w* \(dfs, blob\)", block)
    assert block.count("[billing-revenue-by-service]") == 3


def test_plan_json_and_explain_carry_the_same_paths(bundled_manifest):
    result = CliRunner().invoke(cli, ["plan", str(bundled_manifest), "--env", "dev", "--json"])
    document = json.loads(result.output)
    assert len(document["access"]) == 25
    cross = [e for e in document["access"] if e["acrossZones"] and e["kind"] != "scan"]
    assert {(e["workload"], e["grant"]["unit"], e["approval"]["dataPlane"]) for e in cross} == {
        ("operations/recommender-revenue", "operations-recommender-revenue", True),
        ("billing/revenue-by-service", "billing-revenue-by-service", True)}
    steps = [s for u in document["units"] if u["name"] == "billing-revenue-by-service"
             for svc in u["services"] for s in svc["dataPlane"]]
    assert {s["action"] for s in steps} == {"synapseManagedPrivateEndpoint", "approvePrivateEndpoint"}
    explained = CliRunner().invoke(cli, ["plan", str(bundled_manifest), "--env", "dev"]).output
    assert (
        "data paths: 25" in explained and "after deployment (data plane): approve rc-dev-billing-synapse" in explained
    )


def test_an_edge_that_cannot_be_completed_is_an_error_at_the_manifest_line(bundled_manifest, tmp_path):
    text = bundled_manifest.read_text()
    text = text.replace("services: [privateDnsZones, purview,", "services: [purview,")
    text = text.replace(
        "        template: batch\n        engine: synapse\n        reads: [invoices, operations/service-telemetry]",
        "        template: batch\n        engine: databricks\n        reads: [invoices, operations/service-telemetry]",
    )
    path = tmp_path / "relecloud.yaml"
    path.write_text(text)
    result = CliRunner().invoke(cli, ["plan", str(path), "--env", "dev"])
    assert result.exit_code == 2
    # The manifest check refuses an estate without private DNS zones before planning (M027, issue 14 item 15):
    # every private endpoint needs them, not only this edge's.
    line = text[: text.index("services: [purview,")].count("\n") + 1
    assert f"relecloud.yaml:{line}:" in result.output and "M027 missing-service" in result.output
    assert "privateDnsZones" in result.output


def test_reads_across_unpeered_zones_go_through_managed_private_endpoints(bundled_manifest, tmp_path):
    path = tmp_path / "relecloud.yaml"
    path.write_text(
        bundled_manifest.read_text().replace("peering:\n  topology: mesh", "peering:\n  topology: hub-spoke")
    )
    _, plan = plan_manifest(path, "dev")
    across = [e for e in plan.edges if e.cross_zone and e.kind != "scan"]
    assert len(across) == 2 and all(e.complete and e.engine == "synapse" for e in across)
    assert ("operations", "billing") not in plan.peerings


def test_purview_scans_every_lake_through_its_managed_network_with_the_zones_grant(planned):
    """Issue 19 item 2: Purview reads each lake account (a reader path) through managed private endpoints from its
    managed virtual network runtime, approved on the lake after the lake's own unit; the grant is the zone's."""
    _, plan = planned
    scans = [e for e in plan.edges if e.kind == "scan"]
    lakes = [(u.zone, s.context["account"]) for u in plan.units if u.kind == "landingZone" for s in u.kept
             if s.key.startswith("lake")]
    assert sorted((e.store.zone, e.store.account) for e in scans) == sorted(lakes) and len(lakes) == 6
    mgmt = plan.unit("mgmt")
    runtime = [s for s in mgmt.data_plane if s["action"] == "purviewManagedRuntime"]
    assert len(runtime) == 1 and runtime[0]["network"] == "defaultv2" and runtime[0]["location"] == mgmt.location
    for e in scans:
        assert e.complete and e.role == "Storage Blob Data Reader" and e.store.container == ""
        assert e.principal.type == "Microsoft.Purview/accounts" and e.principal.unit == "mgmt"
        assert {e.grant.unit, e.path.unit, e.approval.unit} == {e.store.unit}  # the lake's own landing zone unit
        assert "Storage Blob Data Reader on the subscription of " + e.store.zone in e.grant.text
        assert plan.unit(e.store.unit).service("purviewAccess").kept
        steps = plan.unit(e.store.unit).data_plane
        made = [
            s for s in steps if s["action"] == "purviewManagedPrivateEndpoint" and s["target"] == e.store.account_id
        ]
        assert {s["group"] for s in made} == {"dfs", "blob"} and {s["network"] for s in made} == {"defaultv2"}
        [approval] = [s for s in steps if s["action"] == "approvePrivateEndpoint"
                      and s["requesterName"] == e.principal.name and s["target"] == e.store.account_id]
        assert approval["endpoints"] == [s["name"] for s in made]
        assert steps.index(approval) > max(steps.index(s) for s in made)  # created, then approved


def test_plan_access_and_json_show_purview_scans_as_reader_paths(bundled_manifest):
    text = CliRunner().invoke(cli, ["plan", str(bundled_manifest), "--env", "dev", "--access"]).output
    block = text.split("mgmt/purview scans rcdevbillingraw")[1].split("\n\n")[0]
    assert "(every container; a reader path)" in block and "identity: Purview account rc-dev-mgmt-purview" in block
    assert "grant:    Reader and Storage Blob Data Reader on the subscription of billing" in block
    assert "managed virtual network (defaultv2), scanned by the runtime managed-vnet-runtime" in block
    assert block.count("[billing]") == 3
    document = json.loads(CliRunner().invoke(cli, ["plan", str(bundled_manifest), "--env", "dev", "--json"]).output)
    scans = [e for e in document["access"] if e["kind"] == "scan"]
    assert len(scans) == 6 and {e["role"] for e in scans} == {"Storage Blob Data Reader"}
    assert all(e["store"]["container"] is None and e["store"]["scope"] == e["store"]["accountId"] for e in scans)
    assert {e["identity"]["type"] for e in scans} == {"Microsoft.Purview/accounts"}


def test_every_api_version_a_data_plane_step_names_is_published_for_its_type(bundled_manifest, tmp_path):
    """deploy calls ARM with the versions the plan records: each must exist in the type data."""
    from relecloud_templates.arm import typeschemas

    path = tmp_path / "relecloud.yaml"
    path.write_text(bundled_manifest.read_text().replace(
        "          exposure: external", "          publicHostname: recommender.relecloud.example\n"
        "          publicDnsZone: /subscriptions/6a1b2c3d-0000-4000-8000-000000000009/resourceGroups/dns/providers/"
        "Microsoft.Network/dnsZones/relecloud.example\n          exposure: external", 1))
    _, plan = plan_manifest(path, "dev")
    types = {("approvePrivateEndpoint", "apiVersion"): None,  # the target's own type, below
             ("scoringRecord", "apiVersion"): "Microsoft.ContainerService/managedClusters",
             ("scoringRecord", "dnsApiVersion"): "Microsoft.Network/privateDnsZones/A",
             ("publicCname", "dnsApiVersion"): "Microsoft.Network/dnsZones/CNAME"}
    checked = set()
    for step in (s for u in plan.units for s in u.data_plane):
        for (action, key), rtype in types.items():
            if step["action"] == action:
                rtype = (
                    rtype or step["target"].split("/providers/")[1].rsplit("/", 1)[0] + "/privateEndpointConnections"
                )
                assert typeschemas.lookup(rtype).has_version(step[key]), (rtype, step[key])
                checked.add(action)
    assert checked == {"approvePrivateEndpoint", "scoringRecord", "publicCname"}
