"""The emulator itself checks what ARM checks, speaks its protocols, and needs a token: tested through the SDK."""

from __future__ import annotations

import copy
import threading

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.identity import ClientSecretCredential
from deploy_helpers import emulator, estate, no_stray_connections  # noqa: F401 (fixtures)

from relecloud_templates.deploy.connection import Clients, Connection
from relecloud_templates.deploy.plan_file import load_plan
from relecloud_templates.deploy.runner import AzureUnitRunner, group_creators
from relecloud_templates.deploy.secrets import Secret
from relecloud_templates.deploy.stacks import StackSettings


@pytest.fixture
def clients(emulator):
    """ClientSecretCredential with its authority at the emulator: the real msal client-credentials flow."""
    credential = ClientSecretCredential(emulator.tenant, emulator.client_id, emulator.client_secret,
                                        authority=emulator.url, disable_instance_discovery=True,
                                        connection_verify=str(emulator.ca_path))
    return Clients(credential, Connection(emulator.url, str(emulator.ca_path), 0.05))


@pytest.fixture
def runner(clients, estate):
    plan = load_plan(estate)
    secrets = {"operations-recommender": {"sqlAdminPassword": Secret("x")}}
    return AzureUnitRunner(clients, secrets, StackSettings(prefix="rc", environment="dev"), cancel=threading.Event(),
                           phase=lambda *a: None, endpoint=None, poll=0.05, created_groups=group_creators(plan.units))


def deployment_body(runner, unit) -> dict:
    """A plain deployment's request body for the unit (what-if's, without its settings)."""
    body = copy.deepcopy(runner.what_if_body(unit))
    del body["properties"]["whatIfSettings"]
    return body


def deploy_zone(runner, estate, *names):
    plan = load_plan(estate)
    return [runner.deploy(plan.unit(n)) for n in names]


def test_client_secret_credential_deploys_and_reads_outputs(runner, estate, emulator):
    [mgmt] = deploy_zone(runner, estate, "mgmt")
    assert mgmt.outputs == {"resourceGroupName": "rc-dev-mgmt-rg"}
    assert mgmt.preview.resource_count == 1
    assert emulator.count("POST", "*/oauth2/v2.0/token") == 1


def test_without_a_bearer_token_arm_answers_401(emulator):
    anonymous = Clients(_NoToken(), Connection(emulator.url, str(emulator.ca_path), 0.05))
    with pytest.raises(ClientAuthenticationError) as denied:
        anonymous.deployments("6a1b2c3d-0000-4000-8000-000000000001").deployments.get_at_subscription_scope("x")
    assert denied.value.error.code == "AuthenticationFailed"


class _NoToken:
    def get_token(self, *scopes, **kwargs):
        from azure.core.credentials import AccessToken

        return AccessToken("not-issued-by-the-emulator", 2**31)


def arm_error(runner, unit, body) -> HttpResponseError:
    ops = runner.clients.deployments(unit.subscription_id).deployments
    with pytest.raises(HttpResponseError) as failed:
        ops.begin_validate_at_subscription_scope(unit.deployment_name, body).result()
    return failed.value


def test_subscription_scope_needs_a_location(runner, estate):
    unit = load_plan(estate).unit("mgmt")
    body = deployment_body(runner, unit)
    del body["location"]
    assert arm_error(runner, unit, body).error.code == "LocationRequired"


def test_parameters_must_be_supplied_known_and_of_their_type(runner, estate):
    unit = load_plan(estate).unit("mgmt")
    body = deployment_body(runner, unit)
    del body["properties"]["parameters"]["prefix"]
    body["properties"]["parameters"]["location"] = {"value": 42}
    body["properties"]["parameters"]["colour"] = {"value": "blue"}
    error = arm_error(runner, unit, body)
    messages = [d.message for d in error.error.details]
    assert "The template parameters 'colour' are not valid" in messages[0]
    assert "The value for the template parameter 'prefix' is not provided." in messages
    assert "Template parameter 'location' is of type 'string' but the value given is int." in messages


def test_references_and_schema_are_checked_in_nested_templates_too(runner, estate):
    unit = load_plan(estate).unit("operations")
    body = deployment_body(runner, unit)
    inner = body["properties"]["template"]["resources"][1]["properties"]["template"]
    inner["resources"][0]["name"] = "[parameters('vnetNmae')]"
    body["properties"]["template"]["$schema"] = inner["$schema"]
    codes = [(d.code, d.message) for d in arm_error(runner, unit, body).error.details]
    assert codes[0][0] == "InvalidSchema"
    assert any("nested deployment at 'resources[1]': The template parameter 'vnetNmae' is not found" in m
               for _, m in codes)


def test_operations_list_pages_through_next_links(runner, estate, emulator):
    emulator.page_size = 2
    deploy_zone(runner, estate, "mgmt", "operations", "operations-service-telemetry", "operations-recommender")
    recommender = load_plan(estate).unit("operations-recommender")
    operations = runner.operations(runner.stack(recommender).deployment_id)
    assert len(operations) == 4 and emulator.count("GET", "*operations*skiptoken=2") >= 1
    assert {o["properties"]["provisioningState"] for o in operations} == {"Succeeded"}


def test_a_resource_group_unit_before_its_landing_zone_is_deferred_not_failed(runner, estate):
    plan = load_plan(estate)
    preview = runner.preview(plan.unit("billing-invoices"))
    assert preview.deferred == "resource group rc-dev-bil-billing-rg does not exist yet; unit 'billing' creates it"


def test_a_stack_manages_what_it_declares_lists_paged_and_deletes_with_the_action_asked(runner, estate, emulator):
    plan = load_plan(estate)
    deploy_zone(runner, estate, "mgmt", "operations", "operations-service-telemetry", "operations-recommender")
    ops = runner.clients.stacks("6a1b2c3d-0000-4000-8000-000000000002").deployment_stacks
    emulator.page_size = 1
    listed = [s.name for s in ops.list_at_resource_group("rc-dev-ops-operations-rg")]
    assert listed == ["rc-dev-operations-recommender", "rc-dev-operations-service-telemetry"]
    stack = ops.get_at_resource_group("rc-dev-ops-operations-rg", "rc-dev-operations-recommender")
    assert stack.properties.provisioning_state == "succeeded" and len(stack.properties.resources) == 4
    assert stack.properties.deployment_id.endswith("/deployments/rc-dev-operations-recommender-0001")
    # Validation through the stacks API names what would be managed; a bad actionOnUnmanage is refused.
    unit = plan.unit("operations-recommender")
    validated = ops.begin_validate_stack_at_resource_group(unit.resource_group, unit.deployment_name,
                                                           runner.stack_body(unit)).result()
    assert len(validated.properties.validated_resources) == 4
    bad = runner.stack_body(unit)
    bad["properties"]["actionOnUnmanage"] = {"resources": "keep"}
    with pytest.raises(HttpResponseError) as refused:
        ops.begin_validate_stack_at_resource_group(unit.resource_group, unit.deployment_name, bad).result()
    assert refused.value.error.code == "InvalidActionOnUnmanage"
    # Deleting with detach leaves the resources; with delete they go.
    managed = [r.id for r in stack.properties.resources]
    ops.begin_delete_at_resource_group("rc-dev-ops-operations-rg", "rc-dev-operations-recommender",
                                       unmanage_action_resources="detach").result()
    assert all(rid.lower() in emulator.world.resources for rid in managed)
    ops.begin_delete_at_resource_group("rc-dev-ops-operations-rg", "rc-dev-operations-service-telemetry",
                                       unmanage_action_resources="delete").result()
    assert not any("rcdevtel" in key for key in emulator.world.resources)
    assert emulator.world.stacks_deleted == ["rc-dev-operations-recommender", "rc-dev-operations-service-telemetry"]


def test_extension_resources_are_identified_under_the_resource_they_extend():
    from arm_emulator.evaluate import Scope
    from arm_emulator.state import _expand

    scope = Scope("s", "rg", "westeurope", "d")
    found = [p.id for r in ({"type": "Microsoft.Insights/diagnosticSettings", "name": "diagnostics",
                             "scope": "Microsoft.Storage/storageAccounts/sa/blobServices/default"},
                            {"type": "Microsoft.Insights/diagnosticSettings", "name": "diagnostics",
                             "scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"})
             for p in _expand(r, scope)]
    assert found == [
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa/blobServices/default"
        "/providers/Microsoft.Insights/diagnosticSettings/diagnostics",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
        "/providers/Microsoft.Insights/diagnosticSettings/diagnostics"]
