"""`relecloud deploy` end to end: the real CLI, azure-identity and the SDK over HTTPS against the emulator,
every unit as a deployment stack."""

from __future__ import annotations

import json
import shlex
import signal
from collections.abc import Callable

from arm_emulator import Failure, Fault
from deploy_helpers import (  # noqa: F401
    SECRET,
    deploy,
    emulator,
    estate,
    interrupted_after,
    no_stray_connections,
    outcomes,
    refused_while_busy,
    released_when,
)

ALL_UNITS = ["mgmt", "billing", "operations", "billing-invoices", "operations-service-telemetry",
             "operations-recommender"]
SUB2 = "6a1b2c3d-0000-4000-8000-000000000002"


def stack_puts(emulator) -> list[str]:
    """Unit names in the order their stacks were created or updated."""
    puts = [path.split("?")[0].rsplit("/", 1)[1] for method, path, status in emulator.requests
            if method == "PUT" and "/deploymentstacks/" in path.lower() and status == 201]
    return [p.removeprefix("rc-dev-") for p in puts]


def edit(path, change) -> None:
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc))


def test_deploys_every_unit_as_a_stack_in_dependency_order(deploy, estate, emulator):
    result = deploy(str(estate), "--yes")
    assert result.exit_code == 0, result.output
    assert outcomes(result.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    assert "resourceGroupName=rc-dev-ops-operations-rg" in result.stdout
    assert "6 unit(s): 6 succeeded" in result.stdout
    order = stack_puts(emulator)
    assert order[0] == "mgmt" and sorted(order) == sorted(ALL_UNITS)
    assert (
        order.index("operations") < order.index("operations-service-telemetry") < order.index("operations-recommender")
    )
    assert order.index("billing") < order.index("billing-invoices")
    # Every unit is a stack that manages what its template declares, tagged with the estate and the unit.
    stack = emulator.world.stacks[(SUB2.lower(), "rc-dev-ops-operations-rg", "rc-dev-operations-recommender")]
    assert stack.tags == {"relecloud-estate": "rc", "relecloud-environment": "dev", "relecloud-unit":
                          "operations-recommender", "relecloud-zone": "operations", "relecloud-kind": "product"}
    assert stack.action == {"resources": "detach", "resourceGroups": "detach", "managementGroups": "detach"}
    assert len(stack.managed) == 4 and stack.deny_mode == "none"
    assert emulator.world.group(SUB2, "rc-dev-ops-operations-rg")
    # The secret reached ARM and nothing else.
    assert SECRET not in result.output
    sql = next(r for r in emulator.world.resources.values() if r.type == "Microsoft.Sql/servers")
    assert sql.body["properties"]["administratorLoginPassword"] == SECRET
    assert not any(SECRET in p.read_text() for p in estate.rglob("*.json"))


def test_a_run_signs_in_once_and_its_clients_share_their_connections(deploy, estate, emulator):
    # Three subscriptions, two ARM clients each, and the data plane's: one after another (--max-parallel 1), their
    # requests go over one connection (a TLS handshake, round trips to Azure, each), the sign-in's over another.
    result = deploy(str(estate), "--yes", "--max-parallel", "1")
    assert result.exit_code == 0, result.output
    assert outcomes(result.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    assert emulator.count("POST", "*/oauth2/v2.0/token") == 1
    assert emulator.connections <= 3 and len(emulator.requests) > 40


def test_the_preview_reads_like_az_what_if_and_the_secret_stays_hidden(deploy, estate):
    result = deploy(str(estate), "--what-if")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Resource and property changes are indicated with these symbols:\n  + Create\n")
    assert ("operations: stack rc-dev-operations at subscription 6a1b2c3d-0000-4000-8000-000000000002\n"
            "  + new deployment stack rc-dev-operations: it takes over what the template declares\n"
            "  + Microsoft.Resources/resourceGroups rc-dev-ops-operations-rg\n"
            "  + Microsoft.Network/virtualNetworks rc-dev-ops-vnet\n"
            "  Resource changes: 2 to create, 0 to modify, 0 to delete, 0 unchanged.") in out
    assert "every resource is new: resource group rc-dev-ops-operations-rg does not exist yet; unit 'operations' " \
           "creates it" in out
    assert "Total for 6 unit(s): 4 to create, 0 to modify, 0 to delete, 0 unchanged; 6 new stack(s)." in out
    # "previewed", never "succeeded", for a preview; progress counts units.
    assert set(outcomes(out).values()) == {"previewed"} and "succeeded" not in out
    assert "] mgmt: previewed [" in result.stderr and "/6 units]" in result.stderr
    assert SECRET not in result.output


def test_property_changes_show_old_and_new_values_then_deploy_updates_the_stack(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    puts = emulator.count("PUT", "*")
    unchanged = deploy(str(estate), "--what-if")
    assert "Azure matches the manifest in 6 unit(s); no changes." in unchanged.stdout
    assert "Resource and property changes" not in unchanged.stdout  # nothing to show, no legend
    edit(estate / "billing-invoices" / "main.parameters.json",
         lambda doc: doc["parameters"]["sku"].update(value="Standard_ZRS"))
    edit(estate / "billing-invoices" / "main.json",
         lambda doc: doc["resources"][0]["properties"].update(allowBlobPublicAccess=False))
    preview = deploy(str(estate), "--what-if", "--unit", "billing-invoices")
    assert "  ~ Modify\n" in preview.stdout
    block = preview.stdout.split("billing-invoices: stack rc-dev-billing-invoices")[1].split("\n\n")[0]
    assert block.splitlines()[1:] == [
        "  ~ Microsoft.Storage/storageAccounts rcdevinvhxj6uj2c5qwio",
        "      + properties.allowBlobPublicAccess: false",
        '      ~ sku.name: "Standard_LRS" => "Standard_ZRS"',
        "  Resource changes: 0 to create, 1 to modify, 0 to delete, 0 unchanged."]
    assert emulator.count("PUT", "*") == puts  # previews change nothing
    assert deploy(str(estate), "--yes", "--unit", "billing-invoices").exit_code == 0
    account = next(r for r in emulator.world.resources.values() if r.type == "Microsoft.Storage/storageAccounts"
                   and "inv" in r.name)
    assert account.body["sku"]["name"] == "Standard_ZRS"


def test_drift_detailed_exitcode_is_0_in_sync_2_with_changes_1_on_failure(deploy, estate, emulator):
    assert deploy(str(estate), "--what-if", "--detailed-exitcode").exit_code == 2  # nothing deployed yet
    assert deploy(str(estate), "--yes").exit_code == 0
    assert deploy(str(estate), "--what-if", "--detailed-exitcode").exit_code == 0
    without = deploy(str(estate), "--what-if")
    assert without.exit_code == 0
    edit(estate / "operations" / "main.json", lambda doc: doc["resources"][1]["properties"]["template"]["resources"][0][
        "properties"].update(addressSpace={"addressPrefixes": ["10.9.0.0/16"]}))  # inside a nested deployment
    drifted = deploy(str(estate), "--what-if", "--detailed-exitcode")
    assert drifted.exit_code == 2
    assert "Azure matches the manifest in 5 unit(s); 1 unit(s) with changes." in drifted.stdout
    assert '      ~ properties.addressSpace.addressPrefixes: [\n          ~ 0: "10.1.0.0/16" => "10.9.0.0/16"\n' \
           in drifted.stdout
    assert deploy(str(estate), "--what-if", "--detailed-exitcode", "--zone", "billing").exit_code == 0
    edit(estate / "mgmt" / "main.json", lambda doc: doc.update(resources="not a list"))
    assert deploy(str(estate), "--what-if", "--detailed-exitcode").exit_code == 1
    assert deploy(str(estate), "--detailed-exitcode").exit_code == 2  # without --what-if: a usage error


def test_a_failed_unit_skips_its_dependants_and_a_rerun_finishes(deploy, estate, emulator):
    emulator.world.failures.append(Failure("rc-dev-operations-service-telemetry", "Microsoft.Storage/*",
                                           "StorageAccountAlreadyTaken", "The storage account named x is taken."))
    first = deploy(str(estate), "--yes", "--max-parallel", "2")
    assert first.exit_code == 1
    assert outcomes(first.stdout) == {**dict.fromkeys(ALL_UNITS, "succeeded"),
                                      "operations-service-telemetry": "failed", "operations-recommender": "skipped"}
    assert "operations-service-telemetry: deployment failed: DeploymentStackDeploymentFailed" in first.stderr
    assert ("operation failed on Microsoft.Storage/storageAccounts rcdevtel" in first.stderr
            and "StorageAccountAlreadyTaken: The storage account named x is taken." in first.stderr)
    assert "operations-recommender: skipped: prerequisite 'operations-service-telemetry' failed" in first.stderr
    # The hint is the command to paste: the folder, the environment, the options given and the units left.
    finish = (f"relecloud deploy {estate} --env dev --max-parallel 2 --unit operations-service-telemetry "
              f"--unit operations-recommender --yes")
    assert f"To finish the job (after fixing what failed): {finish}\n" in first.stderr

    second = deploy(*shlex.split(finish)[2:])
    assert second.exit_code == 0, second.output
    assert outcomes(second.stdout) == {**dict.fromkeys(["mgmt", "operations"], "succeeded"),
                                       "operations-service-telemetry": "succeeded",
                                       "operations-recommender": "succeeded"}
    assert "To finish the job" not in second.stderr


def test_pruning_detaches_by_default_and_deletes_when_asked(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    edit(estate / "operations-recommender" / "main.json", lambda doc: doc.update(
        resources=[r for r in doc["resources"] if r["type"] != "Microsoft.ContainerService/managedClusters"]))
    preview = deploy(str(estate), "--what-if", "--unit", "operations-recommender")
    assert "  x Detach (leaves the stack, stays in Azure unmanaged)" in preview.stdout
    assert "  x Microsoft.ContainerService/managedClusters rc-dev-rec-aks" in preview.stdout
    assert "0 to create, 0 to modify, 0 to delete, 1 to detach, 3 unchanged" in preview.stdout
    detached = deploy(str(estate), "--yes", "--unit", "operations-recommender")
    assert detached.exit_code == 0, detached.output
    types = {r.type for r in emulator.world.resources.values()}
    assert "Microsoft.ContainerService/managedClusters" in types  # detached: still in Azure, no longer managed
    stack = emulator.world.stacks[(SUB2.lower(), "rc-dev-ops-operations-rg", "rc-dev-operations-recommender")]
    assert len(stack.managed) == 3 and stack.detached[0].endswith("/managedClusters/rc-dev-rec-aks")

    edit(estate / "operations-recommender" / "main.json", lambda doc: doc.update(
        resources=[r for r in doc["resources"] if r["type"] != "Microsoft.Network/privateEndpoints"]))
    deleted = deploy(str(estate), "--yes", "--prune", "delete", "--unit", "operations-recommender")
    assert deleted.exit_code == 0, deleted.output
    assert (
        "These 2 resource(s) will be DELETED (--prune=delete):\n"
        "  - Microsoft.Network/privateEndpoints rc-dev-rec-sql-pe-0  (unit operations-recommender)\n"
        "  - Microsoft.Network/privateEndpoints rc-dev-rec-sql-pe-1  (unit operations-recommender)"
    ) in deleted.stdout
    types = {r.type for r in emulator.world.resources.values()}
    assert "Microsoft.Network/privateEndpoints" not in types and "Microsoft.Sql/servers" in types
    assert "Microsoft.ContainerService/managedClusters" in types  # detached earlier: no longer the stack's to delete
    # The telemetry unit shares the resource group; its storage account is not this stack's, so it stays.
    assert any(r.type == "Microsoft.Storage/storageAccounts" and "tel" in r.name
               for r in emulator.world.resources.values())


def test_deny_settings_stop_changes_made_outside_relecloud(deploy, estate, emulator):
    result = deploy(str(estate), "--yes", "--unit", "billing-invoices", "--deny-settings", "denyWriteAndDelete")
    assert result.exit_code == 0, result.output
    stack = emulator.world.stacks[("6a1b2c3d-0000-4000-8000-000000000003", "rc-dev-bil-billing-rg",
                                   "rc-dev-billing-invoices")]
    assert stack.deny == {"mode": "denyWriteAndDelete", "applyToChildScopes": False}
    account = stack.managed[0]
    # A person deleting the storage account by hand is refused; so is a deployment outside the stack.
    from azure.core.exceptions import HttpResponseError
    from azure.core.rest import HttpRequest

    from relecloud_templates.deploy.connection import Clients, Connection, default_credential

    connection = Connection(emulator.url, str(emulator.ca_path), 0.05)
    client = Clients(default_credential(connection), connection).deployments("6a1b2c3d-0000-4000-8000-000000000003")
    answer = client.send_request(HttpRequest("DELETE", f"{account}?api-version=2023-05-01"))
    assert answer.status_code == 403 and "DenyAssignmentAuthorizationFailed" in answer.text()
    with __import__("pytest").raises(HttpResponseError):
        client.deployments.begin_create_or_update(
            "rc-dev-bil-billing-rg", "by-hand", {"properties": {"mode": "Incremental", "template": json.loads(
                (estate / "billing-invoices" / "main.json").read_text()), "parameters": json.loads(
                (estate / "billing-invoices" / "main.parameters.json").read_text())["parameters"]}}).result()
    # relecloud itself still updates it, and the preview says when deny settings change.
    again = deploy(str(estate), "--what-if", "--unit", "billing-invoices")
    assert "  ~ stack denySettings.mode: denyWriteAndDelete => none" in again.stdout
    assert (
        deploy(str(estate), "--yes", "--unit", "billing-invoices", "--deny-settings", "denyWriteAndDelete").exit_code
        == 0
    )


def test_deny_settings_spare_the_excluded_principals_and_actions(deploy, estate, emulator):
    from azure.core.rest import HttpRequest
    from azure.identity import ClientSecretCredential

    from relecloud_templates.deploy.connection import Clients, Connection, default_credential

    sub = "6a1b2c3d-0000-4000-8000-000000000003"
    client_id, secret, break_glass = emulator.break_glass
    result = deploy(str(estate), "--yes", "--unit", "billing-invoices", "--deny-settings", "denyWriteAndDelete",
                    "--deny-excluded-principal", break_glass,
                    "--deny-excluded-action", "Microsoft.Storage/storageAccounts/write")
    assert result.exit_code == 0, result.output
    stack = emulator.world.stacks[(sub, "rc-dev-bil-billing-rg", "rc-dev-billing-invoices")]
    assert stack.deny == {"mode": "denyWriteAndDelete", "applyToChildScopes": False,
                          "excludedPrincipals": [break_glass],
                          "excludedActions": ["Microsoft.Storage/storageAccounts/write"]}
    [account] = stack.managed
    connection = Connection(emulator.url, str(emulator.ca_path), 0.05)
    ours = Clients(default_credential(connection), connection).deployments(sub)
    # The deploying principal may write the account outside the stack (an excluded action), not delete it.
    template = json.loads((estate / "billing-invoices" / "main.json").read_text())
    parameters = json.loads((estate / "billing-invoices" / "main.parameters.json").read_text())["parameters"]
    ours.deployments.begin_create_or_update("rc-dev-bil-billing-rg", "by-hand", {"properties": {
        "mode": "Incremental", "template": template, "parameters": parameters}}).result()
    refused = ours.send_request(HttpRequest("DELETE", f"{account}?api-version=2023-05-01"))
    assert refused.status_code == 403 and "DenyAssignmentAuthorizationFailed" in refused.text()
    # The break-glass principal is excluded: it may.
    glass = ClientSecretCredential(emulator.tenant, client_id, secret, authority=emulator.url,
                                   connection_verify=str(emulator.ca_path), disable_instance_discovery=True)
    allowed = Clients(glass, connection).deployments(sub).send_request(
        HttpRequest("DELETE", f"{account}?api-version=2023-05-01"))
    assert allowed.status_code == 200 and account.lower() not in emulator.world.resources

    # The preview says when the exclusions change.
    again = deploy(str(estate), "--what-if", "--unit", "billing-invoices", "--deny-settings", "denyWriteAndDelete")
    assert f"  ~ stack denySettings.excludedPrincipals: [{break_glass}] => []\n" in again.stdout
    assert "  ~ stack denySettings.excludedActions: [Microsoft.Storage/storageAccounts/write] => []\n" in again.stdout

    for args, message in [
        (("--deny-excluded-action", "*/read"), "excludes from deny settings, and there are none"),
        (("--deny-settings", "denyDelete", "--deny-excluded-principal", "break-glass-group"),
         "'break-glass-group' is not an Entra object ID"),
        (("--deny-settings", "denyDelete", "--deny-excluded-action", "delete everything"), "is not an operation"),
        (("--deny-settings", "denyDelete", *("--deny-excluded-action", "*/read") * 201), "at most 200"),
    ]:
        refused_args = deploy(str(estate), "--what-if", *args)
        assert refused_args.exit_code == 2 and message in refused_args.output, refused_args.output


def test_zone_says_which_units_of_other_zones_it_pulls_in_and_why(deploy, estate):
    result = deploy(str(estate), "--what-if", "--zone", "billing")
    assert result.exit_code == 0
    assert "also selected: mgmt (zone mgmt), because billing depends on it" in result.stderr
    assert set(outcomes(result.stdout)) == {"mgmt", "billing", "billing-invoices"}
    result = deploy(str(estate), "--what-if", "--unit", "operations-recommender")
    assert "also selected: operations-service-telemetry (zone operations), because operations-recommender " \
           "depends on it" in result.stderr
    assert "also selected: mgmt (zone mgmt), because operations depends on it (for operations-recommender)" \
           in result.stderr


def test_throttling_server_errors_and_dropped_connections_are_survived(deploy, estate, emulator):
    emulator.faults += [
        Fault("PUT", "*/deploymentstacks/rc-dev-mgmt", status=429, retry_after=1, times=1),
        Fault("POST", "*/validate", status=503, times=2),
        Fault("GET", "*/operationstatuses/*", status=500, times=2),
        Fault("GET", "*/operationresults/*", drop=True, times=2),  # every deploy reads these
    ]
    result = deploy(str(estate), "--yes")
    assert result.exit_code == 0, result.output
    assert outcomes(result.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    statuses = [status for _, _, status in emulator.requests]
    assert statuses.count(429) == 1 and statuses.count(503) == 2 and statuses.count(500) == 2
    assert all(f.times == 0 for f in emulator.faults)
    assert 1.0 in deploy.waits  # the 429's Retry-After: 1 was honoured (shortened by the test back-off)


def test_without_a_terminal_it_refuses_to_deploy_unconfirmed(deploy, estate, emulator):
    result = deploy(str(estate), "--zone", "billing", "--prune", "delete")
    assert result.exit_code == 2
    assert "no terminal to ask on" in result.stderr
    assert f"relecloud deploy {estate} --prune delete --what-if --zone billing\n" in result.stderr
    assert f"relecloud deploy {estate} --prune delete --zone billing --yes\n" in result.stderr
    assert emulator.requests == []


def test_complete_mode_is_replaced_by_pruning(deploy, estate, emulator):
    result = deploy(str(estate), "--what-if", "--complete")
    assert result.exit_code == 2 and "--prune=delete" in result.output and emulator.requests == []


def test_validate_only_reports_template_errors_and_deploys_nothing(deploy, estate, emulator):
    edit(estate / "billing" / "main.json",
         lambda doc: doc["outputs"]["resourceGroupName"].update(value="[variables('groupNmae')]"))
    result = deploy(str(estate), "--validate-only", "--zone", "billing")
    assert result.exit_code == 1
    assert "billing: validate failed: InvalidTemplate: The template variable 'groupNmae' is not found" \
           in result.stderr
    assert outcomes(result.stdout) == {"mgmt": "validated", "billing": "failed", "billing-invoices": "validated"}
    assert emulator.count("PUT", "*") == 0 and emulator.count("POST", "*/whatif*") == 0


def test_a_missing_secure_parameter_is_named_before_anything_runs(deploy, estate, emulator, monkeypatch):
    monkeypatch.delenv("RELECLOUD_SECURE_SQL_ADMIN_PASSWORD")
    result = deploy(str(estate), "--what-if")
    assert result.exit_code == 2
    assert "RELECLOUD_SECURE_SQL_ADMIN_PASSWORD" in result.stderr and "sqlAdminPassword" in result.stderr
    assert emulator.requests == []


def polled_while_running(emulator, stack: str) -> Callable[[], bool]:
    """Whether deploy has asked how the held ``stack``'s operation goes (and is being told: running): the moment
    an interrupt finds it waiting on Azure, however slow the machine. Timing plays no part."""
    return lambda: emulator.count("GET", f"*/deploymentstacks/{stack}/operationstatuses/*") > 0


def test_ctrl_c_names_the_stacks_still_running_and_a_rerun_finishes(deploy, estate, emulator):
    emulator.world.hold("rc-dev-mgmt")  # running in Azure until released: the interrupt cannot come too late
    with interrupted_after(0, signal.SIGINT, when=polled_while_running(emulator, "rc-dev-mgmt")):
        stopped = deploy(str(estate), "--yes")
    assert stopped.exit_code == 130, stopped.output
    assert "Interrupted (Ctrl-C). relecloud stopped waiting, but these are still running in Azure:" in stopped.stderr
    assert ("mgmt (deployment of stack rc-dev-mgmt): az stack sub show --subscription "
            "6a1b2c3d-0000-4000-8000-000000000001 --name rc-dev-mgmt") in stopped.stderr
    assert outcomes(stopped.stdout)["mgmt"] == "interrupted"
    assert f"To wait for them and finish the job: relecloud deploy {estate} --env dev --yes\n" in stopped.stderr

    # Still deploying when the re-run asks to update it (refused: 409), it ends then: the re-run waits for it.
    with released_when(emulator, "rc-dev-mgmt", refused_while_busy(emulator, "PUT", "rc-dev-mgmt")):
        assert deploy(str(estate), "--yes", "--unit", "mgmt").exit_code == 0  # a stack being deployed: waited for
    rerun = deploy(str(estate), "--env", "dev", "--yes")
    assert rerun.exit_code == 0, rerun.output
    assert outcomes(rerun.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")


def test_sigterm_is_answered_like_ctrl_c_with_143(deploy, estate, emulator):
    emulator.world.hold("rc-dev-operations")  # running in Azure until released, however long the machine takes
    with interrupted_after(0, signal.SIGTERM, when=polled_while_running(emulator, "rc-dev-operations")):
        stopped = deploy(str(estate), "--yes")
    emulator.world.release("rc-dev-operations")
    assert stopped.exit_code == 143, stopped.output
    assert "Interrupted (SIGTERM)" in stopped.stderr and "operations (deployment of stack rc-dev-operations)" \
        in stopped.stderr
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back


def test_on_a_terminal_it_asks_for_secrets_and_confirmation(deploy, estate, emulator, monkeypatch):
    from relecloud_templates.commands import deploy as command

    monkeypatch.setattr(command, "interactive", lambda: True)
    monkeypatch.delenv("RELECLOUD_SECURE_SQL_ADMIN_PASSWORD")
    declined = deploy(str(estate), input="typed-secret\nn\n")
    assert declined.exit_code == 1
    assert "sqlAdminPassword (secure parameter of operations-recommender)" in declined.output
    assert "Deploy 6 unit(s) as deployment stacks? [y/N]" in declined.output
    assert "Nothing was deployed." in declined.stdout and "typed-secret" not in declined.output
    assert emulator.count("PUT", "*") == 0

    accepted = deploy(str(estate), "--unit", "operations-recommender", input="typed-secret\ny\n")
    assert accepted.exit_code == 0, accepted.output
    sql = next(r for r in emulator.world.resources.values() if r.type == "Microsoft.Sql/servers")
    assert sql.body["properties"]["administratorLoginPassword"] == "typed-secret"
