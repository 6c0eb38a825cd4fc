"""Data-plane steps (deploy/dataplane.py) against the emulator's managed private endpoints (arm_emulator/dataplane.py),
through the real azure-identity credential and ARM client pipeline over HTTPS on 127.0.0.1: Synapse managed
private endpoints are created once, pending connections of the expected requester are approved once, nobody
else's are, and a requester whose endpoints never arrive fails with what was expected."""

from __future__ import annotations

import fnmatch
import threading
import time

import pytest
from arm_emulator.server import Fault
from arm_emulator.state import Planned
from deploy_helpers import emulator, no_stray_connections  # noqa: F401 (fixtures)

from relecloud_templates.deploy.connection import Clients, Connection, default_credential
from relecloud_templates.deploy.dataplane import DataPlane, StepFailed, prerequisites, tasks
from relecloud_templates.deploy.scheduler import Interrupted

SUB = "6a1b2c3d-0000-4000-8000-000000000002"
LAKE = f"/subscriptions/{SUB}/resourceGroups/rc-storage/providers/Microsoft.Storage/storageAccounts/rclake"
FACTORY = f"/subscriptions/{SUB}/resourceGroups/rc-shared/providers/Microsoft.DataFactory/factories/rc-adf"
WORKSPACE = f"/subscriptions/{SUB}/resourceGroups/rc-shared/providers/Microsoft.Synapse/workspaces/rc-syn"
ML = f"/subscriptions/{SUB}/resourceGroups/rc-ml/providers/Microsoft.MachineLearningServices/workspaces/rc-ml"


def resource(rid: str, body: dict | None = None) -> Planned:
    parts = rid.strip("/").split("/")
    rtype = "/".join([parts[5], *parts[6::2]])
    return Planned(rid, rtype, "/".join(parts[7::2]), body or {})


@pytest.fixture
def world(emulator, monkeypatch):
    endpoints = emulator.endpoints
    for rid in (LAKE, WORKSPACE):
        emulator.world.resources[rid.lower()] = resource(rid)
    for name, value in emulator.env().items():
        monkeypatch.setenv(name, value)
    return endpoints


@pytest.fixture
def dataplane(emulator):
    connection = Connection(arm_endpoint=emulator.url, ca_bundle=str(emulator.ca_path), polling_interval=0.05)
    credential = default_credential(connection)
    clients = Clients(credential, connection)
    return DataPlane(clients.deployments, credential, threading.Event(), ca_bundle=str(emulator.ca_path), poll=0.02,
                     timeout=1.0)


NEVER = 0.2  # the wait of a test whose awaited state never comes: any wait fails it the same way


def approve(requester: str, endpoints: list[str]) -> dict:
    return {"action": "approvePrivateEndpoint", "target": LAKE, "requester": requester,
            "requesterName": requester.rsplit("/", 1)[-1], "groups": ["dfs"], "endpoints": endpoints}


def put_connections(emulator) -> int:
    return emulator.count("PUT", "*/privateendpointconnections/*")


def test_a_data_factory_endpoint_is_approved_once_and_nobody_elses(emulator, world, dataplane):
    world.applied(
        emulator.world,
        [
            resource(
                f"{FACTORY}/managedVirtualNetworks/default/managedPrivateEndpoints/rclake-dfs",
                {"properties": {"privateLinkResourceId": LAKE, "groupId": "dfs"}},
            )
        ],
    )
    world.request(emulator.world, LAKE, "someone-else.rclake-dfs")
    [note] = dataplane.run([approve(FACTORY, ["rclake-dfs"])])
    assert note == "rc-adf on rclake: approved 1 pending connection(s)"
    states = {c["properties"]["privateEndpoint"]["id"].rsplit("/", 1)[-1]:
              c["properties"]["privateLinkServiceConnectionState"]["status"]
              for c in world.connections[LAKE.lower()].values()}
    assert states == {"rc-adf.rclake-dfs": "Approved", "someone-else.rclake-dfs": "Pending"}
    assert dataplane.run([approve(FACTORY, ["rclake-dfs"])]) == ["rc-adf on rclake: 1 connection(s) already approved"]
    assert put_connections(emulator) == 1  # the second run changed nothing


def test_synapse_endpoints_are_created_in_the_data_plane_then_approved_on_the_lake(emulator, world, dataplane):
    create = {"action": "synapseManagedPrivateEndpoint", "workspace": "rc-syn", "name": "rclake-blob",
              "target": LAKE, "group": "blob"}
    notes = dataplane.run([create, approve(WORKSPACE, ["rclake-blob"])])
    assert notes == ["managed private endpoint rclake-blob of rc-syn: created (pending approval on the lake)",
                     "rc-syn on rclake: approved 1 pending connection(s)"]
    assert world.events == [
        ("requested", "rclake.rc-syn.rclake-blob-conn"),
        ("approved", "rclake.rc-syn.rclake-blob-conn"),
    ]
    again = dataplane.run([create, approve(WORKSPACE, ["rclake-blob"])])
    assert again[0].endswith("already there") and again[1].endswith("already approved")
    assert emulator.count("PUT", "/_synapse/*") == 1


def test_a_machine_learning_workspace_provisions_its_network_before_its_rules_ask(emulator, world, dataplane):
    rule = f"{ML}/outboundRules/rclake-dfs"
    emulator.world.resources[rule.lower()] = resource(rule, {"properties": {
        "type": "PrivateEndpoint", "destination": {"serviceResourceId": LAKE, "subresourceTarget": "dfs"}}})
    [note] = dataplane.run([approve(ML, ["rclake-dfs"])])
    assert note == "rc-ml on rclake: approved 1 pending connection(s)"
    assert emulator.count("POST", "*/provisionmanagednetwork*") == 1


def test_endpoints_that_never_arrive_fail_the_step_with_what_was_expected(world, dataplane):
    dataplane.timeout = NEVER  # they never come: how long the step waits for them changes nothing
    with pytest.raises(StepFailed, match=r"rc-adf's managed private endpoints did not reach rclake within 0.2 s "
                                         r"\(expected rc-adf\.rclake-dfs; found none\)"):
        dataplane.run([approve(FACTORY, ["rclake-dfs"])])


def test_a_requester_whose_connections_are_named_otherwise_is_told_which_are_pending(emulator, world, dataplane):
    world.request(emulator.world, LAKE, "rc-adf-renamed.rclake-dfs")  # a naming deploy does not expect
    dataplane.timeout = NEVER
    with pytest.raises(StepFailed, match=r"found none\); other pending connections on rclake, not approved: "
                                         r"rc-adf-renamed\.rclake-dfs: approve by hand"):
        dataplane.run([approve(FACTORY, ["rclake-dfs"])])
    assert put_connections(emulator) == 0


def test_steps_deploy_cannot_perform_are_reported_to_do_by_hand(dataplane):
    [note] = dataplane.run([{"action": "dnsRecord", "role": "A record", "scope": "model.ops.rc.internal",
                             "principal": "the inference router", "why": "its address is assigned at start"}])
    assert note.startswith("not performed (by hand: A record on model.ops.rc.internal for the inference router)")


PURVIEW = f"/subscriptions/{SUB}/resourceGroups/rc-gov/providers/Microsoft.Purview/accounts/rc-purview"
GROUP = "8e1f0c2a-0000-4000-8000-000000000101"


@pytest.fixture
def roles(emulator, world):
    emulator.world.resources[PURVIEW.lower()] = resource(PURVIEW)
    return emulator.roles


def test_synapse_and_purview_roles_of_the_estates_groups_are_given_once(emulator, roles, dataplane):
    steps = [{"action": "synapseRoleAssignment", "workspace": "rc-syn", "scope": "workspaces/rc-syn",
              "role": "Synapse Administrator", "principal": GROUP, "principalType": "Group"},
             {"action": "purviewCollectionRole", "account": "rc-purview", "collection": "rc-purview",
              "role": "collection-administrator", "principal": GROUP}]
    assert dataplane.run(steps) == [f"Synapse Administrator for {GROUP} on workspaces/rc-syn: assigned",
                                    f"collection-administrator of rc-purview/rc-purview for {GROUP}: added"]
    [assignment] = roles.assignments["rc-syn"].values()
    assert (assignment["principalId"], assignment["principalType"]) == (GROUP, "Group")
    assert roles.members("rc-purview", "collection-administrator") == [GROUP]
    again = dataplane.run(steps)
    assert again[0].endswith("already assigned") and again[1].endswith("already there")
    assert emulator.count("PUT", "/_synapse/*") + emulator.count("PUT", "/_purview/*") == 2


def test_a_role_for_a_team_the_manifest_does_not_name_is_left_to_do_by_hand(roles, dataplane):
    [note] = dataplane.run(
        [
            {
                "action": "synapseRoleAssignment",
                "workspace": "rc-syn",
                "role": "Synapse Compute Operator",
                "scope": "workspaces/rc-syn/bigDataPools/p",
                "principal": "the team of billing/invoices",
                "why": "its own pool",
            }
        ]
    )
    assert note.startswith("not performed (by hand: Synapse Compute Operator on workspaces/rc-syn/bigDataPools/p")


def purview_steps() -> list[dict]:
    runtime = {"action": "purviewManagedRuntime", "account": "rc-purview", "runtime": "managed-vnet-runtime",
               "network": "defaultv2", "location": "northeurope"}
    endpoints = [{"action": "purviewManagedPrivateEndpoint", "account": "rc-purview", "network": "defaultv2",
                  "name": f"rclake-{group}", "target": LAKE, "group": group} for group in ("dfs", "blob")]
    return [runtime, *endpoints, approve(PURVIEW, ["rclake-dfs", "rclake-blob"])]


def test_purview_scans_through_a_managed_runtime_whose_endpoints_are_approved_once(emulator, roles, dataplane):
    notes = dataplane.run(purview_steps())
    assert notes == [
        "Purview rc-purview: managed virtual network defaultv2 created; runtime managed-vnet-runtime created",
        "managed private endpoint rclake-dfs of Purview rc-purview: created (pending approval on the lake)",
        "managed private endpoint rclake-blob of Purview rc-purview: created (pending approval on the lake)",
        "rc-purview on rclake: approved 2 pending connection(s)",
    ]
    purview = emulator.purview  # the two endpoints at once, after the network and its runtime
    assert purview.events[:2] == [("network", "rc-purview/defaultv2"), ("runtime", "rc-purview/managed-vnet-runtime")]
    assert sorted(purview.events[2:]) == [("endpoint", "rc-purview/rclake-blob"), ("endpoint", "rc-purview/rclake-dfs")]
    runtime = purview.runtimes["rc-purview"]["managed-vnet-runtime"]
    assert runtime["kind"] == "Managed"
    assert runtime["properties"]["managedVirtualNetworkReference"] == {"referenceName": "defaultv2",
                                                                       "type": "ManagedVirtualNetworkReference"}
    events = [e for e in emulator.endpoints.events if "rc-purview" in e[1]]
    connections = ["rclake.rc-purview.rclake-blob-conn", "rclake.rc-purview.rclake-dfs-conn"]
    assert sorted(name for what, name in events[:2] if what == "requested") == connections
    assert sorted(name for what, name in events[2:] if what == "approved") == connections
    again = dataplane.run(purview_steps())
    assert again == ["Purview rc-purview: runtime managed-vnet-runtime: already there",
                     "managed private endpoint rclake-dfs of Purview rc-purview: already there",
                     "managed private endpoint rclake-blob of Purview rc-purview: already there",
                     "rc-purview on rclake: 2 connection(s) already approved"]
    assert emulator.count("PUT", "/_purview/*") == 4 and put_connections(emulator) == 2  # nothing twice


def test_purview_endpoints_need_the_managed_network_that_the_runtime_step_creates(roles, dataplane):
    with pytest.raises(StepFailed, match=r"PUT .*/scan/managedvirtualnetworks/defaultv2/managedprivateendpoints/"
                                         r"rclake-dfs: HTTP 404: ManagedVirtualNetworkNotFound"):
        dataplane.run(purview_steps()[1:2])


def test_a_self_hosted_runtime_of_the_same_name_is_never_replaced(emulator, roles, dataplane):
    emulator.purview.runtimes["rc-purview"] = {"managed-vnet-runtime": {
        "name": "managed-vnet-runtime", "kind": "SelfHosted", "properties": {}}}
    with pytest.raises(StepFailed, match="has a SelfHosted integration runtime named managed-vnet-runtime"):
        dataplane.run(purview_steps()[:1])
    assert emulator.purview.runtimes["rc-purview"]["managed-vnet-runtime"]["kind"] == "SelfHosted"


# -- a served model's DNS records ---------------------------------------------------------------------------------
VNET = f"/subscriptions/{SUB}/resourceGroups/rc-net/providers/Microsoft.Network/virtualNetworks/rc-vnet"
CLUSTER = f"/subscriptions/{SUB}/resourceGroups/rc-model/providers/Microsoft.ContainerService/managedClusters/rc-aks"
MGMT = "6a1b2c3d-0000-4000-8000-000000000001"
PRIVATE_ZONE = (f"/subscriptions/{MGMT}/resourceGroups/rc-dns/providers/Microsoft.Network/privateDnsZones/"
                "model.ops.rc.internal")
PUBLIC_ZONE = f"/subscriptions/{MGMT}/resourceGroups/rc-public/providers/Microsoft.Network/dnsZones/relecloud.example"


@pytest.fixture
def cluster(emulator, world):
    """A private Entra ID cluster in 10.1.4.0/24 whose Machine Learning extension asks for an internal router."""
    emulator.world.resources[f"{VNET}/subnets/aks".lower()] = resource(f"{VNET}/subnets/aks", {
        "properties": {"addressPrefix": "10.1.4.0/24"}})
    emulator.world.resources[CLUSTER.lower()] = resource(CLUSTER, {"properties": {
        "aadProfile": {"managed": True, "enableAzureRBAC": True},
        "agentPoolProfiles": [{"name": "system", "vnetSubnetID": f"{VNET}/subnets/aks"}]}})
    extension = f"{CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml"
    emulator.world.resources[extension.lower()] = Planned(extension, "Microsoft.KubernetesConfiguration/extensions",
                                                          "azureml", {"properties": {"configurationSettings": {
                                                              "scoringFe.serviceType.internalLoadBalancer": "true"}}})
    emulator.world.resources[PRIVATE_ZONE.lower()] = resource(PRIVATE_ZONE)
    return emulator


def scoring_record() -> dict:
    return {"action": "scoringRecord", "cluster": "rc-aks", "clusterId": CLUSTER, "apiVersion": "2026-05-01",
            "namespace": "azureml", "service": "azureml-fe", "zone": "model.ops.rc.internal", "record": "@",
            "ttl": 300, "zoneId": PRIVATE_ZONE, "dnsApiVersion": "2024-06-01"}


def a_records(emulator) -> list[str]:
    found = emulator.world.resources[f"{PRIVATE_ZONE}/A/@".lower()].body["properties"]
    return [r["ipv4Address"] for r in found["aRecords"]]


def test_the_scoring_record_holds_the_routers_address_read_through_a_run_command(cluster, dataplane):
    cluster.run_commands.router_pending["rc-aks"] = 2  # its load balancer takes a while to get an address
    assert dataplane.run([scoring_record()]) == ["A record model.ops.rc.internal -> 10.1.4.254: created"]
    assert a_records(cluster) == ["10.1.4.254"]
    assert cluster.run_commands.commands == [("rc-aks", "kubectl get service azureml-fe -n azureml -o jsonpath="
                                                        "'{.status.loadBalancer.ingress[0].ip}'")] * 3
    assert cluster.count("GET", "*/commandresults/*") == 6  # each result was followed past a first 202
    assert dataplane.run([scoring_record()]) == ["A record model.ops.rc.internal -> 10.1.4.254: already there"]
    assert cluster.count("PUT", "*/privatednszones/*/a/@*") == 1


def test_a_record_that_holds_another_address_is_corrected(cluster, dataplane):
    cluster.world.resources[f"{PRIVATE_ZONE}/A/@".lower()] = resource(f"{PRIVATE_ZONE}/A/@", {"properties": {
        "ttl": 300, "aRecords": [{"ipv4Address": "10.1.4.7"}]}})
    [note] = dataplane.run([scoring_record()])
    assert note == "A record model.ops.rc.internal -> 10.1.4.254: updated (was 10.1.4.7)"
    assert a_records(cluster) == ["10.1.4.254"]


def test_a_router_on_a_public_load_balancer_is_never_published(cluster, dataplane):
    extension = f"{CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml".lower()
    cluster.world.resources[extension].body["properties"]["configurationSettings"] = {}
    with pytest.raises(StepFailed, match=r"has the public address 20\.50\.60\.70: its load balancer is not internal"):
        dataplane.run([scoring_record()])
    assert cluster.count("PUT", "*/privatednszones/*") == 0


def test_a_cluster_without_the_extension_fails_the_step_with_kubectls_answer(cluster, dataplane):
    del cluster.world.resources[f"{CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml".lower()]
    with pytest.raises(StepFailed, match=r"failed \(exit code 1\): Error from server \(NotFound\): services "
                                         r"\"azureml-fe\" not found"):
        dataplane.run([scoring_record()])


def test_a_router_that_never_gets_an_address_fails_after_the_wait(cluster, dataplane):
    cluster.run_commands.router_pending["rc-aks"] = 1000
    dataplane.timeout = NEVER
    with pytest.raises(StepFailed, match=r"had no address within 0.2 s .*deploy again later"):
        dataplane.run([scoring_record()])


def public_cname() -> dict:
    return {"action": "publicCname", "zoneId": PUBLIC_ZONE, "zone": "relecloud.example", "record": "recommender",
            "target": "rc-model-x1y2z.northeurope.cloudapp.azure.com", "ttl": 3600, "dnsApiVersion": "2018-05-01"}


def test_the_public_cname_is_written_into_the_named_zone_once(emulator, world, dataplane):
    emulator.world.resources[PUBLIC_ZONE.lower()] = resource(PUBLIC_ZONE)
    target = "rc-model-x1y2z.northeurope.cloudapp.azure.com"
    assert dataplane.run([public_cname()]) == [f"CNAME recommender.relecloud.example -> {target}: created"]
    record = emulator.world.resources[f"{PUBLIC_ZONE}/CNAME/recommender".lower()].body["properties"]
    assert (record["TTL"], record["CNAMERecord"]) == (3600, {"cname": target})
    assert dataplane.run([public_cname()]) == [f"CNAME recommender.relecloud.example -> {target}: already there"]
    assert emulator.count("PUT", "*/dnszones/*") == 1


def test_a_public_zone_that_does_not_exist_fails_the_step(world, dataplane):
    with pytest.raises(StepFailed, match=r"PUT .*/dnsZones/relecloud\.example/CNAME/recommender: HTTP 404: "
                                         r"ParentResourceNotFound"):
        dataplane.run([public_cname()])


# -- the steps of a unit run at once, each after what it needs ---------------------------------------------------
def synapse_endpoint(group: str, target: str = LAKE) -> dict:
    return {"action": "synapseManagedPrivateEndpoint", "workspace": "rc-syn", "name": f"rclake-{group}",
            "target": target, "group": group}


def answered(emulator, method: str, pattern: str) -> list[int]:
    """Where in the request log (in the order answered) the requests matching ``pattern`` are."""
    return [i for i, (m, path, _) in enumerate(emulator.requests)
            if m == method and fnmatch.fnmatch(path.lower().split("?")[0], pattern)]


def test_independent_steps_run_at_the_same_time(emulator, world, dataplane):
    # The dfs endpoint's first request is held until the blob endpoint has been created: one step at a time,
    # that never happens (the hold would end after 5 s, with the blob endpoint created after it).
    emulator.faults.append(Fault("GET", "*/managedprivateendpoints/rclake-dfs", status=0, within=5,
                                 until=lambda: emulator.count("PUT", "*/managedprivateendpoints/rclake-blob*") > 0))
    notes = dataplane.run([synapse_endpoint("dfs"), synapse_endpoint("blob")])
    assert notes == [f"managed private endpoint rclake-{group} of rc-syn: created (pending approval on the lake)"
                     for group in ("dfs", "blob")]  # in the plan's order, whichever finished first
    [blob] = answered(emulator, "PUT", "*/managedprivateendpoints/rclake-blob")
    [held] = answered(emulator, "GET", "*/managedprivateendpoints/rclake-dfs")
    assert blob < held


def test_an_approval_waits_for_the_endpoints_it_approves(emulator, world, dataplane):
    # The blob endpoint's creation is held until the lake's connections have been listed, for at most 0.25 s:
    # an approval that did not wait for it would list them at once, before the endpoint exists.
    emulator.faults.append(Fault("PUT", "*/managedprivateendpoints/rclake-blob", status=0, within=0.25,
                                 until=lambda: emulator.count("GET", "*/privateendpointconnections*") > 0))
    steps = [synapse_endpoint("dfs"), synapse_endpoint("blob"), approve(WORKSPACE, ["rclake-dfs", "rclake-blob"])]
    assert prerequisites(steps) == {0: [], 1: [], 2: [0, 1]}
    notes = dataplane.run(steps)
    assert notes[2] == "rc-syn on rclake: approved 2 pending connection(s)"
    created = answered(emulator, "PUT", "*/managedprivateendpoints/*")
    listed = answered(emulator, "GET", "*/privateendpointconnections")
    assert len(created) == 2 and max(created) < min(listed)


def test_roles_of_one_purview_collection_are_given_in_one_write_of_its_policy(emulator, roles, dataplane):
    # Each role adds a group to the collection's one metadata policy: two writers at once would lose a group, so
    # the roles are given together, one read and one write; a role the policy has no rule for fails alone.
    groups = [f"8e1f0c2a-0000-4000-8000-00000000010{n}" for n in (1, 2, 3)]
    steps = [{"action": "purviewCollectionRole", "account": "rc-purview", "collection": "rc-purview",
              "role": role, "principal": group} for role, group in zip(("data-reader", "no-such-role",
                                                                         "data-reader"), groups, strict=True)]
    steps.insert(1, synapse_endpoint("dfs"))
    assert tasks(steps) == [[0, 2, 3], [1]]
    with pytest.raises(StepFailed, match="the metadata policy of collection rc-purview has no no-such-role rule") \
            as failed:
        dataplane.run(steps)
    assert failed.value.details == []
    assert roles.members("rc-purview", "data-reader") == [groups[0], groups[2]]
    assert emulator.count("GET", "/_purview/*") == 1 and emulator.count("PUT", "/_purview/*") == 1
    assert emulator.count("PUT", "*/managedprivateendpoints/rclake-dfs*") == 1  # the other step was done
    assert [note.rsplit(": ", 1)[1] for note in dataplane.run([steps[0], steps[3]])] == ["already there"] * 2
    assert emulator.count("PUT", "/_purview/*") == 1


def test_a_failed_step_stops_only_the_steps_that_need_it(emulator, roles, dataplane):
    missing = LAKE.replace("rclake", "rcgone")
    steps = [synapse_endpoint("dfs", missing), approve(WORKSPACE, ["rclake-dfs"]),
             {"action": "synapseRoleAssignment", "workspace": "rc-syn", "scope": "workspaces/rc-syn",
              "role": "Synapse Administrator", "principal": GROUP}, synapse_endpoint("blob")]
    with pytest.raises(StepFailed, match=r"PUT .*/managedPrivateEndpoints/rclake-dfs: HTTP 400: "
                                         r"PrivateLinkResourceNotFound") as failed:
        dataplane.run(steps)
    assert failed.value.details == [
        "not done: approve rc-syn's managed private endpoint connections on rclake (dfs): it waits for create managed "
        "private endpoint rclake-dfs in Synapse workspace rc-syn to rcgone (dfs), which did not succeed"]
    assert put_connections(emulator) == 0 and emulator.count("GET", "*/privateendpointconnections*") == 0
    assert len(roles.assignments["rc-syn"]) == 1  # the independent steps were done
    assert emulator.count("PUT", "*/managedprivateendpoints/rclake-blob*") == 1


def test_a_cancel_during_the_steps_stops_them_and_starts_no_more(emulator, world, dataplane):
    # The dfs endpoint's first request is answered only once the run is cancelled (after the blob endpoint
    # was made): the dfs step then stops before its next request, and the approval never starts.
    cancel = dataplane.cancel
    emulator.faults.append(Fault("GET", "*/managedprivateendpoints/rclake-dfs", status=0, within=5,
                                 until=cancel.is_set))
    watcher = threading.Thread(target=lambda: _cancel_when(cancel, lambda: emulator.count(
        "PUT", "*/managedprivateendpoints/rclake-blob*") > 0), daemon=True)
    watcher.start()
    steps = [synapse_endpoint("dfs"), synapse_endpoint("blob"), approve(WORKSPACE, ["rclake-dfs", "rclake-blob"])]
    with pytest.raises(Interrupted, match="stopped during the data-plane steps"):
        dataplane.run(steps)
    watcher.join()
    assert emulator.count("PUT", "*/managedprivateendpoints/rclake-dfs*") == 0
    assert emulator.count("GET", "*/privateendpointconnections*") == 0


def _cancel_when(cancel: threading.Event, condition) -> None:
    deadline = time.monotonic() + 10
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    cancel.set()
