"""Deploying the bundled estate makes its data paths work: each unit's managed private endpoints are approved on
the lakes after the unit that made them is deployed and before any unit that depends on it starts, the
estate's groups get their Synapse and Purview roles, and a second deployment approves nothing twice. Through the
real CLI, azure-identity and the ARM clients, against the emulator (managed endpoints: arm_emulator/dataplane.py;
data-plane roles: arm_emulator/roles.py)."""

from __future__ import annotations

import ipaddress
import json

import pytest
from deploy_helpers import deploy, emulator, no_stray_connections, outcomes  # noqa: F401 (fixtures)

from relecloud_templates.cli import cli
from relecloud_templates.deploy.plan_file import load_plan
from relecloud_templates.deploy.secrets import env_names

PLATFORM = "8e1f0c2a-0000-4000-8000-000000000101"


@pytest.fixture
def rendered(tmp_path, project_root):
    from click.testing import CliRunner

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(project_root / "scenarios" / "relecloud.yaml"), "--env", "dev",
                                      "--format", "arm", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out / "dev" if (out / "dev").is_dir() else out


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


def test_a_plan_whose_data_plane_steps_are_not_steps_is_refused_at_the_line(rendered):
    from relecloud_templates.diagnostics import DiagnosticsError

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
