"""The access: block rendered: no service of the bundled estate is administrable only by its deployer, and each
zone's and workload's owners and readers get the roles on what they own and read."""

from __future__ import annotations

import json

import pytest

from relecloud_templates.plan.loading import plan_manifest
from relecloud_templates.render.output import render_files
from relecloud_templates.resources import scenarios_dir
from relecloud_templates.services import roles

PLATFORM = "8e1f0c2a-0000-4000-8000-000000000101"
OPERATIONS_OWNERS, OPERATIONS_READERS = "8e1f0c2a-0000-4000-8000-000000000111", "8e1f0c2a-0000-4000-8000-000000000112"
BILLING_OWNERS = "8e1f0c2a-0000-4000-8000-000000000121"
RECOMMENDER_OWNERS, REVENUE_READERS = "8e1f0c2a-0000-4000-8000-000000000131", "8e1f0c2a-0000-4000-8000-000000000141"


def resources(node):
    if isinstance(node, dict):
        for item in node.get("resources") or ():
            yield item
            yield from resources((item.get("properties") or {}).get("template"))


@pytest.fixture(scope="module")
def estate():
    manifest, plan = plan_manifest(scenarios_dir() / "relecloud.yaml", "dev")
    files = render_files(manifest, plan, "relecloud.yaml", "arm").files
    templates = {u.name: json.loads(files[f"{u.name}/main.json"]) for u in plan.units}
    return plan, {name: list(resources(t)) for name, t in templates.items()}


def assignments(found, target_type, name):
    return {(r["properties"]["principalId"], r["properties"]["roleDefinitionId"].split("'")[-2])
            for r in found if r["type"] == "Microsoft.Authorization/roleAssignments"
            and r.get("scope") == f"{target_type}/{name}"}


def test_no_service_is_administrable_only_by_its_deployer(estate):
    plan, rendered = estate
    steps = [s for u in plan.units for s in u.data_plane]
    checked = 0
    for unit, found in rendered.items():
        for resource in found:
            kind, name = resource["type"], resource["name"]
            if kind in ("Microsoft.KeyVault/vaults", "Microsoft.MachineLearningServices/workspaces",
                        "Microsoft.Databricks/workspaces", "Microsoft.DataFactory/factories"):
                assert {g for g, _ in assignments(found, kind, name)} >= {PLATFORM}, (unit, name)
            elif kind == "Microsoft.Synapse/workspaces":
                admin = [r for r in found if r["type"] == "Microsoft.Synapse/workspaces/administrators"
                         and r["name"] == f"{name}/activeDirectory"]
                assert admin and admin[0]["properties"]["sid"] in (PLATFORM, OPERATIONS_OWNERS, BILLING_OWNERS)
                assert any(s["action"] == "synapseRoleAssignment" and s["workspace"] == name
                           and s["principal"] == PLATFORM and s["role"] == "Synapse Administrator" for s in steps)
            elif kind == "Microsoft.ContainerService/managedClusters":
                assert PLATFORM in resource["properties"]["aadProfile"]["adminGroupObjectIDs"]
            elif kind == "Microsoft.Purview/accounts":
                assert any(s["action"] == "purviewCollectionRole" and s["role"] == "collection-administrator"
                           and s["principal"] == PLATFORM for s in steps)
            else:
                continue
            checked += 1
    assert checked >= 10


def test_owners_administer_what_their_zone_and_workload_deploy(estate):
    plan, rendered = estate
    ml = next(s for s in plan.unit("operations-cloud-service-recommender").kept if s.key == "machineLearning")
    granted = assignments(
        rendered["operations-cloud-service-recommender"],
        "Microsoft.MachineLearningServices/workspaces",
        ml.context["workspace"],
    )
    assert {(g, roles.CONTRIBUTOR) for g in (PLATFORM, OPERATIONS_OWNERS, RECOMMENDER_OWNERS)} <= granted
    aks = next(r for r in rendered["operations-cloud-service-recommender"]
               if r["type"] == "Microsoft.ContainerService/managedClusters")
    assert aks["properties"]["aadProfile"]["adminGroupObjectIDs"] == [PLATFORM, OPERATIONS_OWNERS, RECOMMENDER_OWNERS]
    synapse = next(r for r in rendered["billing"] if r["type"] == "Microsoft.Synapse/workspaces/administrators")
    assert synapse["properties"]["sid"] == BILLING_OWNERS  # the zone's own owners, the most specific group
    curators = [s["principal"] for u in plan.units for s in u.data_plane if s.get("role") == "data-curator"]
    assert curators == [OPERATIONS_OWNERS, BILLING_OWNERS]


def test_readers_read_the_containers_they_concern_and_nothing_more(estate):
    _, rendered = estate
    readers = [r for r in rendered["operations"] if r["type"] == "Microsoft.Authorization/roleAssignments"
               and r["properties"]["principalId"] == OPERATIONS_READERS]
    assert readers and all("/blobServices/default/containers/" in r["scope"] for r in readers)
    assert all(roles.STORAGE_BLOB_DATA_READER in r["properties"]["roleDefinitionId"] for r in readers)
    revenue = [r["scope"].rsplit("/", 1)[-1] for r in rendered["billing"]
               if r["type"] == "Microsoft.Authorization/roleAssignments"
               and r["properties"]["principalId"] == REVENUE_READERS]
    assert revenue and set(revenue) == {"revenue-by-service"}


def test_a_pool_team_named_in_access_gets_its_pool_role_performed(estate):
    plan, _ = estate
    pools = [s for u in plan.units for s in u.data_plane if s.get("role") == "Synapse Compute Operator"]
    assert pools and all(s["principal"] == BILLING_OWNERS for s in pools)  # billing's owners run its integrations
