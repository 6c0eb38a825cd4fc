"""Deploying the bundled estate makes its data paths work: each unit's managed private endpoints are approved on
the lakes after the unit that made them is deployed and before any unit that depends on it starts, the
estate's groups get their Synapse and Purview roles, and a second deployment approves nothing twice. Through the
real CLI, azure-identity and the ARM clients, against the emulator (managed endpoints: arm_emulator/dataplane.py;
data-plane roles: arm_emulator/roles.py)."""

from __future__ import annotations

import ipaddress
import json
import signal
import threading

import pytest
from arm_emulator.server import Fault
from deploy_helpers import deploy, emulator, interrupted_after, no_stray_connections, outcomes  # noqa: F401

from relecloud_templates.cli import cli
from relecloud_templates.deploy.plan_file import load_plan
from relecloud_templates.deploy.secrets import env_names

PLATFORM = "8e1f0c2a-0000-4000-8000-000000000101"


@pytest.fixture
def rendered(example_render):
    """The bundled estate's dev environment as `relecloud render --example` writes it (rendered once per test
    process: deploy only reads it)."""
    return example_render / "dev"


@pytest.fixture
def azure(emulator, rendered, monkeypatch):
    for unit in load_plan(rendered).units:  # every secure parameter the estate asks for (certificates, keys)
        for name in unit.secure_parameters:
            monkeypatch.setenv(env_names(unit, name)[0], "ZW11bGF0b3I=")
    return emulator, emulator.endpoints, emulator.roles


def stack_puts(emulator) -> list[tuple[int, str]]:
    """(index in the request log, unit's stack name) of every deployment stack created or updated."""
    return [(i, path.split("/deploymentStacks/")[1].split("?")[0]) for i, (method, path, _) in
            enumerate(emulator.requests) if method == "PUT" and "/deploymentStacks/" in path]


def test_approvals_come_after_the_endpoint_and_before_the_dependants(deploy, azure, rendered):
    emulator, endpoints, roles = azure
    plan = json.loads((rendered / "plan.json").read_text())
    result = deploy(str(rendered), "--yes")
    assert result.exit_code == 0, result.output
    assert set(outcomes(result.output).values()) == {"succeeded"}
    approvals = [(i, path) for i, (method, path, status) in enumerate(emulator.requests)
                 if method == "PUT" and "/privateEndpointConnections/" in path and status == 200]
    expected = sum(len(s["endpoints"]) for u in plan["units"] for s in u["dataPlane"]
                   if s["action"] == "approvePrivateEndpoint")
    assert len(approvals) == expected and all(state == "Approved" for state in (
        c["properties"]["privateLinkServiceConnectionState"]["status"]
        for found in endpoints.connections.values() for c in found.values()))
    # each approval follows the stack of the unit that carries it, and precedes the stacks of its dependants
    puts = stack_puts(emulator)
    checked = 0
    for unit in plan["units"]:
        own = max(i for i, name in puts if name == unit["deploymentName"])
        dependants = [i for i, name in puts if name in {u["deploymentName"] for u in plan["units"]
                                                          if unit["name"] in u["dependsOn"]}]
        for step in (s for s in unit["dataPlane"] if s["action"] == "approvePrivateEndpoint"):
            prefix = f"{step['target'].rsplit('/', 1)[-1]}.{step['requesterName']}."
            mine = [i for i, path in approvals if path.split("/privateEndpointConnections/")[1].startswith(prefix)]
            assert len(mine) == len(step["endpoints"]), (unit["name"], prefix)
            assert all(own < i for i in mine) and all(i < j for i in mine for j in dependants), (unit["name"], prefix)
            checked += 1
    assert checked >= 10
    # Purview's scanning path: its runtime after the management zone's unit, each lake's managed private endpoint
    # after the lake's unit and before its approval (the loop above: the approval before the unit's dependants)
    requests = [(i, method, path) for i, (method, path, status) in enumerate(emulator.requests) if status < 300]
    [runtime] = [i for i, method, path in requests if method == "PUT" and "/scan/integrationruntimes/" in path]
    mgmt = next(u for u in plan["units"] if u["kind"] == "managementZone")
    assert max(i for i, name in puts if name == mgmt["deploymentName"]) < runtime
    made = 0
    for unit in plan["units"]:
        own = max(i for i, name in puts if name == unit["deploymentName"])
        for step in (s for s in unit["dataPlane"] if s["action"] == "purviewManagedPrivateEndpoint"):
            [created] = [i for i, method, path in requests if method == "PUT"
                         and path.split("?")[0].endswith(f"/managedprivateendpoints/{step['name']}")]
            connection = f"{step['target'].rsplit('/', 1)[-1]}.{step['account']}.{step['name']}-conn"
            [approved] = [i for i, path in approvals if path.split("?")[0].endswith(connection)]
            assert runtime < created and own < created < approved, (unit["name"], step["name"])
            made += 1
    assert made == 12  # dfs and blob of the six lakes
    # the scoring endpoint's A record: the router's address, read after the product's unit, in the AKS subnet
    product = next(u for u in plan["units"] if u["name"] == "operations-cloud-service-recommender")
    [record_step] = [s for s in product["dataPlane"] if s["action"] == "scoringRecord"]
    [run] = [
        i for i, method, path in requests if method == "POST" and path.lower().split("?")[0].endswith("/runcommand")
    ]
    [written] = [
        i for i, method, path in requests if method == "PUT" and "/privateDnsZones/" in path and "/A/@" in path
    ]
    assert max(i for i, name in puts if name == product["deploymentName"]) < run < written
    record = emulator.world.resources[f"{record_step['zoneId']}/A/@".lower()].body["properties"]
    [address] = [r["ipv4Address"] for r in record["aRecords"]]
    vnet = next(r for r in emulator.world.resources.values() if r.id.lower().endswith("/virtualnetworks/rc-dev-"
                                                                                    "operations-vnet"))
    [prefix] = [s["properties"]["addressPrefix"] for s in vnet.body["properties"]["subnets"]
                if s["name"] == "workload-cloud-service-recommender-aks"]
    assert ipaddress.ip_address(address) in ipaddress.ip_network(prefix), (address, prefix)
    assert "Data-plane steps:" in result.output and "approved" in result.output
    assert any(a["principalId"] == PLATFORM for found in roles.assignments.values() for a in found.values())
    purview = next(name for name in roles.policies)
    assert roles.members(purview, "collection-administrator") == [PLATFORM]

    again = deploy(str(rendered), "--yes")
    assert again.exit_code == 0, again.output
    later = [i for i, (method, path, _) in enumerate(emulator.requests) if method == "PUT"
             and "/privateEndpointConnections/" in path and i > approvals[-1][0]]
    assert later == []  # everything was approved already


def synapse_endpoints(plan: dict, unit: str) -> list[dict]:
    [found] = [u for u in plan["units"] if u["name"] == unit]
    return [s for s in found["dataPlane"] if s["action"] == "synapseManagedPrivateEndpoint"]


def test_a_failed_step_fails_its_unit_once_the_steps_that_do_not_need_it_are_done(deploy, azure, rendered):
    emulator, endpoints, roles = azure
    plan = json.loads((rendered / "plan.json").read_text())
    broken = synapse_endpoints(plan, "operations")[0]
    emulator.faults.append(Fault("PUT", f"/_synapse/*/managedprivateendpoints/{broken['name']}", status=400))
    result = deploy(str(rendered), "--yes", "--output", "json")
    assert result.exit_code == 1, result.output
    units = {u["name"]: u for u in json.loads(result.stdout)["units"]}
    assert units["mgmt"]["result"] == "succeeded" and units["operations"]["result"] == "failed"
    assert {units[u]["result"] for u in units if u not in ("mgmt", "operations")} == {"skipped"}
    error = units["operations"]["error"]
    assert error["phase"] == "data-plane steps"
    assert error["message"].endswith(f"/managedPrivateEndpoints/{broken['name']}: HTTP 400: InjectedFault: HTTP 400 "
                                     "injected by the test.")
    # the approval of that endpoint's lake was not done, and says what it needed; nothing else was left undone
    workspace, lake = broken["workspace"], broken["target"].rsplit("/", 1)[1]
    assert error["details"] == [f"not done: approve {workspace}'s managed private endpoint connections on {lake} "
                                f"(dfs, blob): it waits for create managed private endpoint {broken['name']} in "
                                f"Synapse workspace {workspace} to {lake} (dfs), which did not succeed"]
    assert "operations: data-plane steps failed: PUT " in result.stderr and "  not done: approve " in result.stderr
    # every step that did not need it was done: the workspace's roles, the other endpoints and their approvals
    assert len(roles.assignments[workspace.lower()]) == 2
    done = [e["name"] for e in synapse_endpoints(plan, "operations")[1:]]
    assert all(emulator.count("PUT", f"/_synapse/*/managedprivateendpoints/{name}*") == 1 for name in done)
    approved = {c["name"] for found in endpoints.connections.values() for c in found.values()
                if c["properties"]["privateLinkServiceConnectionState"]["status"] == "Approved"}
    assert any(name.startswith(f"{lake}.{plan['units'][0]['dataPlane'][0]['account']}.") for name in approved)
    assert not any(name.startswith(f"{lake}.{workspace}.") for name in approved)


def test_data_plane_requests_retry_as_the_arm_requests_do(deploy, azure, rendered):
    """A throttled Synapse request waits as ARM's do: Retry-After capped at --max-retry-after, through the run's
    retry policy (so Ctrl-C ends the wait), not azure-core's plain sleep of whatever the service asked."""
    emulator = azure[0]
    plan = json.loads((rendered / "plan.json").read_text())
    throttled = synapse_endpoints(plan, "operations")[0]["name"]
    emulator.faults.append(Fault("PUT", f"/_synapse/*/managedprivateendpoints/{throttled}", status=429, retry_after=5))
    result = deploy(str(rendered), "--yes", "--unit", "operations", "--max-retry-after", "1")
    assert result.exit_code == 0, result.output
    assert emulator.faults[0].times == 0  # the 429 was answered, then retried
    assert 1.0 in deploy.waits and 5.0 not in deploy.waits  # capped, and waited on the run's cancel event
    assert emulator.count("PUT", f"/_synapse/*/managedprivateendpoints/{throttled}*") == 2


def test_ctrl_c_during_the_data_plane_steps_stops_them_and_a_rerun_finishes(deploy, azure, rendered, monkeypatch):
    from relecloud_templates.deploy.dataplane import DataPlane

    emulator = azure[0]
    plan = json.loads((rendered / "plan.json").read_text())
    held = synapse_endpoints(plan, "operations")[0]["name"]
    arrived, cancels = threading.Event(), []
    run = DataPlane.run
    monkeypatch.setattr(DataPlane, "run", lambda self, steps: cancels.append(self.cancel) or run(self, steps))

    def until_interrupted() -> bool:  # the held request is answered once the run knows of the interrupt
        arrived.set()
        return any(cancel.is_set() for cancel in cancels)

    emulator.faults.append(Fault("GET", f"/_synapse/*/managedprivateendpoints/{held}", status=0,
                                 until=until_interrupted))
    with interrupted_after(0, signal.SIGINT, when=arrived.is_set):
        stopped = deploy(str(rendered), "--yes")
    assert stopped.exit_code == 130, stopped.output
    found = outcomes(stopped.stdout)
    assert found["mgmt"] == "succeeded" and found["operations"] == "interrupted"
    assert {found[u] for u in found if u not in ("mgmt", "operations")} == {"skipped"}  # as after any interrupt
    assert "Interrupted (Ctrl-C). Nothing relecloud started is still running in Azure." in stopped.stderr
    assert emulator.count("PUT", f"/_synapse/*/managedprivateendpoints/{held}*") == 0

    rerun = deploy(str(rendered), "--yes")
    assert rerun.exit_code == 0, rerun.output
    assert set(outcomes(rerun.stdout).values()) == {"succeeded"}
    assert emulator.count("PUT", f"/_synapse/*/managedprivateendpoints/{held}*") == 1


def test_each_step_waits_for_what_it_names(rendered):
    """The order the bundled estate's steps need, derived from the plan: approvals after their endpoints,
    Purview's endpoints after its runtime; the roles of a Purview collection are given together."""
    from relecloud_templates.deploy.dataplane import prerequisites, tasks

    plan = json.loads((rendered / "plan.json").read_text())
    units = {u["name"]: u["dataPlane"] for u in plan["units"]}
    steps = units["operations"]
    needs = prerequisites(steps)
    for i, step in enumerate(steps):
        if step["action"] == "approvePrivateEndpoint":  # exactly the steps that create the endpoints it approves
            owner = "account" if "/Microsoft.Purview/" in step["requester"] else "workspace"
            makers = {j for j, s in enumerate(steps) if s["action"].endswith("ManagedPrivateEndpoint")
                      and s.get(owner) == step["requesterName"] and s["name"] in step["endpoints"]}
            assert makers and needs[i] == sorted(makers), i  # (a workspace's endpoint to its default lake: ARM's)
        else:
            assert needs[i] == [], (i, step["action"])
    assert sum(1 for found in needs.values() if not found) >= 10  # most of them start at once
    roles = [i for i, s in enumerate(units["mgmt"]) if s["action"] == "purviewCollectionRole"]
    assert len(roles) == 5 and roles in tasks(units["mgmt"])  # one write of the root collection's policy
    runtime = [{**s, "account": "rc-dev-mgmt-purview-mejl6"} for s in units["mgmt"][:1]]  # with a unit's endpoints
    together = prerequisites([*runtime, *(s for s in steps if s["action"] == "purviewManagedPrivateEndpoint")])
    assert len(together) == 7 and all(together[i] == [0] for i in range(1, 7))


def test_what_if_shows_the_steps_deploy_performs_after_each_unit(deploy, azure, rendered):
    result = deploy(str(rendered), "--what-if")
    assert result.exit_code == 0, result.output
    assert "> after deployment: approve " in result.output
    assert "> after deployment: create managed private endpoint " in result.output
    assert (
        "> after deployment: create managed virtual network runtime managed-vnet-runtime (defaultv2, " in result.output
    )
    assert "in Purview account rc-dev-mgmt-purview" in result.output
    assert (
        "> after deployment: publish A record cloud-service-recommender.operations.rc.internal -> the address "
        "of service azureml-fe (azureml) of AKS cluster rc-dev-operations-cloud-service-recommender-aks"
        in result.output
    )


def test_a_plan_whose_data_plane_steps_are_not_steps_is_refused_at_the_line(example_render_copy):
    from relecloud_templates.diagnostics import DiagnosticsError

    rendered = example_render_copy / "dev"
    plan = json.loads((rendered / "plan.json").read_text())
    plan["units"][1]["dataPlane"] = ["approve everything"]
    (rendered / "plan.json").write_text(json.dumps(plan, indent=2))
    with pytest.raises(DiagnosticsError) as caught:
        load_plan(rendered)
    [found] = caught.value.diagnostics
    assert "'dataPlane' must list steps" in found.message and found.location.line > 1


PUBLIC_ZONE = ("/subscriptions/6a1b2c3d-0000-4000-8000-000000000009/resourceGroups/dns-public/providers/"
               "Microsoft.Network/dnszones/relecloud.example")  # the CLI's spelling of the provider


def test_a_public_hostname_in_an_azure_dns_zone_gets_its_cname_after_the_product(deploy, emulator, tmp_path,
                                                                                  bundled_manifest, monkeypatch):
    from arm_emulator.state import Planned

    manifest = tmp_path / "relecloud.yaml"
    manifest.write_text(bundled_manifest.read_text().replace(
        "          exposure: external", "          publicHostname: recommender.relecloud.example\n"
        f"          publicDnsZone: {PUBLIC_ZONE}\n          exposure: external", 1))
    zone = PUBLIC_ZONE.replace("dnszones", "dnsZones")
    emulator.world.resources[zone.lower()] = Planned(zone, "Microsoft.Network/dnsZones", "relecloud.example", {})
    for name in ("SCORING_TLS_CERTIFICATE", "SCORING_TLS_PRIVATE_KEY", "GATEWAY_TLS_CERTIFICATE",
                 "SCORING_TLS_ROOT_CERTIFICATE"):
        monkeypatch.setenv(f"RELECLOUD_SECURE_{name}", "ZW11bGF0b3I=")
    result = deploy(str(manifest), "--env", "dev", "--unit", "operations-cloud-service-recommender", "--yes")
    assert result.exit_code == 0, result.output
    record = emulator.world.resources[f"{zone}/CNAME/recommender".lower()].body["properties"]
    assert record["CNAMERecord"]["cname"].endswith(".northeurope.cloudapp.azure.com") and record["TTL"] == 3600
    [stack] = [i for i, (method, path, _) in enumerate(emulator.requests) if method == "PUT"
               and path.split("?")[0].endswith("/deploymentStacks/rc-dev-operations-cloud-service-recommender")]
    [cname] = [i for i, (method, path, _) in enumerate(emulator.requests) if method == "PUT" and "/CNAME/" in path]
    assert stack < cname
    assert "CNAME recommender.relecloud.example -> " in result.output and ": created" in result.output


def test_without_a_public_zone_the_cname_is_a_step_by_hand_with_its_exact_value(tmp_path, bundled_manifest):
    from click.testing import CliRunner

    manifest = tmp_path / "relecloud.yaml"
    manifest.write_text(bundled_manifest.read_text().replace(
        "          exposure: external", "          publicHostname: recommender.relecloud.example\n"
                                        "          exposure: external", 1))
    result = CliRunner().invoke(cli, ["plan", str(manifest), "--env", "dev"])
    assert result.exit_code == 0, result.output
    line = next(t for t in result.output.splitlines() if "CNAME record recommender.relecloud.example -> " in t)
    assert line.split(" -> ")[1].startswith("rc-dev-operations-cloud") and ".northeurope.cloudapp.azure.com" in line
