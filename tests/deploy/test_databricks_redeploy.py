"""The landing zone's Databricks NSG survives a second deployment once a workspace's network intent policy owns it.

The rendered network and Databricks modules of the bundled scenario are deployed through the real CLI to the ARM
emulator with Azure's network intent policy switched on (arm_emulator/intent_policy.py), then deployed again:
the second run must succeed and change nothing. The NSG as relecloud rendered it before (custom rules at the
policy's priority, without the policy's rules) is refused on the second run, as Azure refuses it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from arm_emulator.intent_policy import NetworkIntentPolicy
from deploy_helpers import deploy, emulator, no_stray_connections, outcomes  # noqa: F401 (fixtures)

ZONE = "operations"
SUBSCRIPTION = "6a1b2c3d-0000-4000-8000-000000000002"
NETWORK_GROUP, DATABRICKS_GROUP = "rc-dev-operations-network", "rc-dev-operations-shared-integration"


@pytest.fixture(scope="module")
def modules(example_render) -> dict[str, tuple[dict, dict]]:
    """service key -> (inner template, parameter values) of the operations landing zone's unit, as rendered (dev:
    `render --example`, once per test process)."""
    template = json.loads((example_render / "dev" / ZONE / "main.json").read_text())
    parameters = json.loads((example_render / "dev" / ZONE / "main.parameters.json").read_text())["parameters"]
    values = {k: v["value"] for k, v in parameters.items()}
    found = {}
    for resource in template["resources"]:
        key = resource["name"].rsplit("-", 1)[-1]
        if resource["type"] == "Microsoft.Resources/deployments" and key in ("network", "databricksIntegration"):
            inner = resource["properties"]["template"]
            found[key] = (inner, {name: values[name] for name in inner.get("parameters", {})})
    assert set(found) == {"network", "databricksIntegration"}
    return found


def estate(folder: Path, network: tuple[dict, dict], databricks: tuple[dict, dict]) -> Path:
    """A two-unit plan: the network module, then the Databricks module that depends on it."""
    units = []
    for name, group, (template, values), after in (("network", NETWORK_GROUP, network, []),
                                                    ("databricks", DATABRICKS_GROUP, databricks, ["network"])):
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "main.json").write_text(json.dumps(template))
        (folder / name / "main.parameters.json").write_text(json.dumps({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            "contentVersion": "1.0.0.0", "parameters": {k: {"value": v} for k, v in values.items()}}))
        units.append({"name": name, "kind": "landingZone", "zone": ZONE, "scope": "resourceGroup",
                      "subscriptionId": SUBSCRIPTION, "resourceGroup": group, "location": "northeurope",
                      "deploymentName": f"rc-dev-operations-{name}", "dependsOn": after,
                      "template": f"{name}/main.json", "parameters": f"{name}/main.parameters.json",
                      "secureParameters": []})
    (folder / "plan.json").write_text(json.dumps({"version": 1, "manifest": "relecloud.yaml", "units": units}))
    return folder


@pytest.fixture
def azure(emulator):
    """The emulator with the resource groups the landing zone unit creates, and the intent policy on."""
    for group in (NETWORK_GROUP, DATABRICKS_GROUP):
        emulator.world.put_group(SUBSCRIPTION, group, {"location": "northeurope"})
    emulator.world.policies.append(NetworkIntentPolicy())
    return emulator


def test_a_second_deployment_of_the_rendered_network_changes_nothing(deploy, azure, modules, tmp_path):
    folder = estate(tmp_path / "estate", modules["network"], modules["databricksIntegration"])
    first = deploy(str(folder), "--yes")
    assert first.exit_code == 0, first.output
    nsg = next(r for r in azure.world.resources.values() if r.name == "rc-dev-operations-databricks-nsg")
    assert {r["name"] for r in nsg.body["properties"]["securityRules"]} == {
        "Microsoft.Databricks-workspaces_UseOnly_databricks-" + n
        for n in ("worker-to-worker-inbound", "worker-to-worker-outbound", "worker-to-sql", "worker-to-storage",
                  "worker-to-eventhub")}  # the policy found every rule it owns already declared

    preview = deploy(str(folder), "--what-if")
    assert preview.exit_code == 0, preview.output
    assert "0 to create, 0 to modify, 0 to delete" in preview.stdout.split("network: stack")[1]
    second = deploy(str(folder), "--yes")
    assert second.exit_code == 0, second.output
    assert outcomes(second.stdout) == {"network": "succeeded", "databricks": "succeeded"}


def old_nsg(network: tuple[dict, dict], rules: list[dict]) -> tuple[dict, dict]:
    template = copy.deepcopy(network[0])
    nsg = next(r for r in template["resources"] if r["name"] == "rc-dev-operations-databricks-nsg")
    nsg["properties"]["securityRules"] = rules
    return template, network[1]


def _rule(name: str, direction: str, priority: int) -> dict:
    return {"name": name, "properties": {"protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*",
                                         "sourceAddressPrefix": "VirtualNetwork",
                                         "destinationAddressPrefix": "VirtualNetwork", "access": "Allow",
                                         "priority": priority, "direction": direction}}


def test_the_nsg_as_rendered_before_is_refused_on_the_second_deployment(deploy, azure, modules, tmp_path):
    """Today's output before the fix: custom rules at the policy's priorities, no policy rules."""
    before = old_nsg(modules["network"], [_rule("databricks-worker-to-worker-inbound", "Inbound", 100),
                                          _rule("databricks-worker-to-worker-outbound", "Outbound", 100)])
    folder = estate(tmp_path / "estate", before, modules["databricksIntegration"])
    assert deploy(str(folder), "--yes").exit_code == 0  # the first deployment works: no policy yet
    second = deploy(str(folder), "--yes")
    assert second.exit_code == 1
    assert "ConflictWithNetworkIntentPolicy" in second.output
    assert outcomes(second.stdout)["network"] == "failed"


def test_a_custom_rule_may_not_take_a_policy_rule_priority(deploy, azure, modules, tmp_path):
    template, _ = modules["network"]
    rendered = next(r for r in template["resources"] if r["name"] == "rc-dev-operations-databricks-nsg")
    clashing = [*rendered["properties"]["securityRules"], _rule("allow-monitoring", "Outbound", 101)]
    folder = estate(tmp_path / "estate", old_nsg(modules["network"], clashing), modules["databricksIntegration"])
    assert deploy(str(folder), "--yes").exit_code == 0
    second = deploy(str(folder), "--yes")
    assert second.exit_code == 1 and "SecurityRuleConflict" in second.output
