"""`relecloud deploy` end to end: the real CLI, azure-identity and the SDK over HTTPS against the emulator."""

from __future__ import annotations

import json
import os
import signal
import threading

from arm_emulator import Failure, Fault
from deploy_helpers import SECRET, deploy, emulator, estate, no_stray_connections, outcomes  # noqa: F401 (fixtures)

ALL_UNITS = ["mgmt", "billing", "operations", "billing-invoices", "operations-service-telemetry",
             "operations-recommender"]



def test_deploys_the_estate_in_dependency_order(deploy, estate, emulator):
    result = deploy(str(estate), "--yes")
    assert result.exit_code == 0, result.output
    assert outcomes(result.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    assert "resourceGroupName=rc-dev-ops-operations-rg" in result.stdout
    puts = [path for method, path, _ in emulator.requests if method == "PUT" and "/deployments/" in path]
    order = [next(u for u in sorted(ALL_UNITS, key=len, reverse=True) if f"/rc-dev-{u}?" in p) for p in puts]
    assert order.index("mgmt") == 0
    assert order.index("operations") < order.index("operations-service-telemetry") < \
        order.index("operations-recommender")
    assert order.index("billing") < order.index("billing-invoices")
    # The resource groups the landing zones created hold the workload resources now.
    assert emulator.world.group("6a1b2c3d-0000-4000-8000-000000000002", "rc-dev-ops-operations-rg")
    # Subscription-scope deployments carried their location; the secret reached ARM and nothing else.
    assert SECRET not in result.output
    deployed = emulator.world.resources
    sql = next(r for r in deployed.values() if r.type == "Microsoft.Sql/servers")
    assert sql.body["properties"]["administratorLoginPassword"] == SECRET
    assert not any(SECRET in p.read_text() for p in estate.rglob("*.json"))


def test_log_lines_show_each_phase_and_operation_progress(deploy, estate):
    result = deploy(str(estate), "--yes")
    assert "] operations: validating" in result.stderr
    assert "] operations: what-if" in result.stderr
    assert "] operations-recommender: deploying 4/4 operations" in result.stderr
    assert "\x1b[" not in result.output  # no colour or cursor control when not a terminal


def test_a_failed_unit_skips_its_dependants_and_a_rerun_finishes(deploy, estate, emulator):
    emulator.world.failures.append(Failure("rc-dev-operations-service-telemetry", "Microsoft.Storage/*",
                                           "StorageAccountAlreadyTaken", "The storage account named x is taken."))
    first = deploy(str(estate), "--yes")
    assert first.exit_code == 1
    assert outcomes(first.stdout) == {**dict.fromkeys(ALL_UNITS, "succeeded"),
                                      "operations-service-telemetry": "failed", "operations-recommender": "skipped"}
    assert "DeploymentFailed: At least one resource deployment operation failed" in first.stderr
    assert ("operation failed on Microsoft.Storage/storageAccounts rcdevtel" in first.stderr
            and "StorageAccountAlreadyTaken: The storage account named x is taken." in first.stderr)
    assert "operations-recommender: skipped: prerequisite 'operations-service-telemetry' failed" in first.stderr

    second = deploy(str(estate), "--yes")
    assert second.exit_code == 0, second.output
    assert outcomes(second.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    assert "mgmt (subscription 6a1b2c3d-0000-4000-8000-000000000001, Incremental): 0 to create, 0 to modify, " \
           "0 to delete, 1 unchanged" in second.stdout


def test_what_if_after_deploy_reports_no_change_then_modify(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    puts_before = emulator.count("PUT", "*")
    unchanged = deploy(str(estate), "--what-if")
    assert unchanged.exit_code == 0
    assert "billing-invoices (resource group rc-dev-bil-billing-rg in subscription " \
           "6a1b2c3d-0000-4000-8000-000000000003, Incremental): 0 to create, 0 to modify, 0 to delete, " \
           "1 unchanged" in unchanged.stdout

    params = estate / "billing-invoices" / "main.parameters.json"
    doc = json.loads(params.read_text())
    doc["parameters"]["sku"]["value"] = "Standard_ZRS"
    params.write_text(json.dumps(doc))
    modified = deploy(str(estate), "--what-if", "--unit", "billing-invoices")
    assert "1 to modify" in modified.stdout
    assert "~ Microsoft.Storage/storageAccounts rcdevinv" in modified.stdout and "(sku.name)" in modified.stdout
    assert emulator.count("PUT", "*") == puts_before  # a preview changes nothing


def test_throttling_server_errors_and_dropped_connections_are_survived(deploy, estate, emulator):
    emulator.faults += [
        Fault("PUT", "*/deployments/rc-dev-mgmt", status=429, retry_after=1, times=1),
        Fault("POST", "*/validate", status=503, times=2),
        Fault("GET", "*/operationstatuses/*", status=500, times=2),
        Fault("GET", "*/operations", drop=True, times=2),
    ]
    result = deploy(str(estate), "--yes")
    assert result.exit_code == 0, result.output
    assert outcomes(result.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    statuses = [status for _, _, status in emulator.requests]
    assert statuses.count(429) == 1 and statuses.count(503) == 2 and statuses.count(500) == 2
    assert all(f.times == 0 for f in emulator.faults)


def test_without_a_terminal_it_refuses_to_deploy_unconfirmed(deploy, estate, emulator):
    result = deploy(str(estate))
    assert result.exit_code == 2
    assert "no terminal to ask on" in result.stderr and "--yes" in result.stderr
    assert emulator.requests == []


def test_validate_only_reports_template_errors_and_deploys_nothing(deploy, estate, emulator):
    template = estate / "billing" / "main.json"
    doc = json.loads(template.read_text())
    doc["outputs"]["resourceGroupName"]["value"] = "[variables('groupNmae')]"
    template.write_text(json.dumps(doc))
    result = deploy(str(estate), "--validate-only", "--zone", "billing")
    assert result.exit_code == 1
    assert "billing: validate failed: InvalidTemplate: The template variable 'groupNmae' is not found" \
           in result.stderr
    assert outcomes(result.stdout) == {"mgmt": "succeeded", "billing": "failed",
                                       "billing-invoices": "succeeded"}
    assert emulator.count("PUT", "*") == 0 and emulator.count("POST", "*/whatif*") == 0


def test_a_missing_secure_parameter_is_named_before_anything_runs(deploy, estate, emulator, monkeypatch):
    monkeypatch.delenv("RELECLOUD_SECURE_SQL_ADMIN_PASSWORD")
    result = deploy(str(estate), "--what-if")
    assert result.exit_code == 2
    assert "RELECLOUD_SECURE_SQL_ADMIN_PASSWORD" in result.stderr and "sqlAdminPassword" in result.stderr
    assert emulator.requests == []


def test_a_failed_sign_in_says_how_to_sign_in(deploy, estate, monkeypatch):
    monkeypatch.setenv("AZURE_CLIENT_SECRET", "wrong")
    result = deploy(str(estate), "--what-if", "--unit", "mgmt")
    assert result.exit_code == 1
    assert "validate failed: authentication failed" in result.stderr
    assert "AADSTS7000215" in result.stderr and "az login" in result.stderr


def test_complete_mode_shows_and_performs_deletions(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    template = estate / "operations-recommender" / "main.json"
    doc = json.loads(template.read_text())
    doc["resources"] = [r for r in doc["resources"] if r["type"] != "Microsoft.ContainerService/managedClusters"]
    template.write_text(json.dumps(doc))
    preview = deploy(str(estate), "--what-if", "--complete", "--unit", "operations-recommender")
    assert "operations-recommender (resource group rc-dev-ops-operations-rg in subscription " \
           "6a1b2c3d-0000-4000-8000-000000000002, Complete): 0 to create, 0 to modify, 2 to delete" in preview.stdout
    assert "- Microsoft.ContainerService/managedClusters rc-dev-rec-aks" in preview.stdout
    # Complete mode owns the whole resource group: the telemetry unit's storage account would go too.
    assert "- Microsoft.Storage/storageAccounts rcdevtel" in preview.stdout
    assert "resource group rc-dev-ops-operations-rg is shared by units operations-recommender, " \
           "operations-service-telemetry" in preview.stdout
    assert "mgmt (subscription 6a1b2c3d-0000-4000-8000-000000000001, Incremental)" in preview.stdout

    applied = deploy(str(estate), "--yes", "--complete", "--unit", "billing-invoices")
    assert applied.exit_code == 0, applied.output
    assert "Complete mode: nothing would be deleted." in applied.stdout
    applied = deploy(str(estate), "--yes", "--complete", "--unit", "operations-recommender")
    assert applied.exit_code == 0, applied.output
    assert "Complete mode: 6 resource(s) marked '-' above will be DELETED." in applied.stdout
    remaining = {r.type for r in emulator.world.resources.values()}
    assert "Microsoft.ContainerService/managedClusters" not in remaining and "Microsoft.Sql/servers" in remaining


def test_incremental_mode_never_deletes(deploy, estate, emulator):
    assert deploy(str(estate), "--yes", "--unit", "billing-invoices").exit_code == 0
    (estate / "billing-invoices" / "main.json").write_text(json.dumps({
        **json.loads((estate / "billing-invoices" / "main.json").read_text()), "resources": [], "outputs": {}}))
    result = deploy(str(estate), "--yes", "--unit", "billing-invoices")
    assert "0 to delete" in result.stdout
    assert any(r.type == "Microsoft.Storage/storageAccounts" for r in emulator.world.resources.values())


def test_ctrl_c_names_the_deployments_still_running_and_a_rerun_finishes(deploy, estate, emulator):
    emulator.world.durations.append(("rc-dev-mgmt", 3.0))
    timer = threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        stopped = deploy(str(estate), "--yes")
    finally:
        timer.cancel()
    assert stopped.exit_code == 130, stopped.output
    assert "these deployments are still running in Azure" in stopped.stderr
    assert ("mgmt: az deployment sub show --subscription 6a1b2c3d-0000-4000-8000-000000000001 "
            "--name rc-dev-mgmt") in stopped.stderr

    rerun = deploy(str(estate), "--yes")
    assert rerun.exit_code == 0, rerun.output
    assert outcomes(rerun.stdout) == dict.fromkeys(ALL_UNITS, "succeeded")
    assert "mgmt: waiting for the earlier deployment still running in Azure" in rerun.stderr


def test_on_a_terminal_it_asks_for_secrets_and_confirmation(deploy, estate, emulator, monkeypatch):
    from relecloud_templates.commands import deploy as command

    monkeypatch.setattr(command, "_interactive", lambda: True)
    monkeypatch.delenv("RELECLOUD_SECURE_SQL_ADMIN_PASSWORD")
    declined = deploy(str(estate), input="typed-secret\nn\n")
    assert declined.exit_code == 1
    assert "sqlAdminPassword (secure parameter of operations-recommender)" in declined.output
    assert "Deploy 6 unit(s) in Incremental mode? [y/N]" in declined.output
    assert "Nothing was deployed." in declined.stderr and "typed-secret" not in declined.output
    assert emulator.count("PUT", "*") == 0

    accepted = deploy(str(estate), "--unit", "operations-recommender", input="typed-secret\ny\n")
    assert accepted.exit_code == 0, accepted.output
    sql = next(r for r in emulator.world.resources.values() if r.type == "Microsoft.Sql/servers")
    assert sql.body["properties"]["administratorLoginPassword"] == "typed-secret"
