"""What deploy prints: what-if lines, the summary table, the Ctrl-C notice, colour only on a terminal."""

from __future__ import annotations

import io

from deploy_helpers import estate  # noqa: F401 (fixture)

from relecloud_templates.deploy.errors import UnitError, failed_operations
from relecloud_templates.deploy.live import LiveUnits
from relecloud_templates.deploy.plan_file import load_plan
from relecloud_templates.deploy.report import Redactor, interrupted_lines, legend, preview_lines, summary_table
from relecloud_templates.deploy.runner import Change, Deployed, Preview, PropertyChange
from relecloud_templates.deploy.scheduler import Outcome, UnitResult
from relecloud_templates.deploy.secrets import Secret
from relecloud_templates.deploy.stacks import StackState


def plain(text: str, meaning: str) -> str:
    return text


def test_preview_lists_changes_like_az_what_if_with_values_and_totals(estate):
    unit = load_plan(estate).unit("billing-invoices")
    redact = Redactor({"u": {"password": Secret("Hunter2-secret")}})
    preview = Preview([
        Change("Create", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe"),
        Change("Modify", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa", (
            PropertyChange("sku.name", "Modify", "Standard_LRS", "Standard_ZRS"),
            PropertyChange("properties.adminPassword", "Modify", "old", "Hunter2-secret"),
            PropertyChange("tags.Owner", "Delete", before="team-a"),
            PropertyChange("properties.ipRules", "Array", children=(
                PropertyChange("0", "Create", after={"value": "10.0.0.1"}),)))),
        Change("NoChange", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/db"),
        Change("Detach", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/old"),
    ], stack=StackState("succeeded"))
    lines = preview_lines(unit, preview, plain, redact)
    assert lines == [
        "billing-invoices: stack rc-dev-billing-invoices at resource group rc-dev-bil-billing-rg in subscription "
        "6a1b2c3d-0000-4000-8000-000000000003",
        "  + Microsoft.Network/privateEndpoints pe",
        "  ~ Microsoft.Storage/storageAccounts sa",
        '      ~ sku.name: "Standard_LRS" => "Standard_ZRS"',
        '      ~ properties.adminPassword: "old" => "(secure value)"',
        '      - tags.Owner: "team-a"',
        "      ~ properties.ipRules: [",
        '          + 0: {"value": "10.0.0.1"}',
        "        ]",
        "  x Microsoft.Web/sites old",
        "  Resource changes: 1 to create, 1 to modify, 0 to delete, 1 to detach, 1 unchanged.",
        ""]
    assert legend([preview]) == ["Resource and property changes are indicated with these symbols:",
                                 "  + Create", "  ~ Modify", "  x Detach (leaves the stack, stays in Azure unmanaged)",
                                 ""]
    assert preview.pending and not Preview([Change("NoChange", "x")], stack=StackState("succeeded")).pending
    assert Preview([Change("NoChange", "x")]).pending  # no stack yet: deploying creates it


def test_summary_table_shows_result_duration_and_outputs(estate):
    plan = load_plan(estate)
    results = {"mgmt": UnitResult("mgmt", Outcome.SUCCEEDED, Deployed({"ids": ["a", "b"]}, Preview()),
                                  duration=12.34),
               "billing": UnitResult("billing", Outcome.SKIPPED, reason="prerequisite 'mgmt' failed")}
    assert summary_table(plan.units, results, plain, "deploy", Redactor({})) == [
        "UNIT     RESULT     DURATION  OUTPUTS",
        'mgmt     succeeded     12.3s  ids=["a", "b"]',
        "billing  skipped           -  prerequisite 'mgmt' failed",
        "",
        "2 unit(s): 1 succeeded, 1 skipped",
    ]
    previewed = {"mgmt": UnitResult("mgmt", Outcome.SUCCEEDED, Preview(stack=StackState("succeeded")), duration=1)}
    assert summary_table(plan.units, previewed, plain, "what-if", Redactor({}))[1] == \
        "mgmt  previewed      1.0s  no changes"


def test_interrupt_lists_what_still_runs_with_az_stack_show_commands(estate):
    plan = load_plan(estate)
    mgmt, invoices = plan.unit("mgmt"), plan.unit("billing-invoices")
    lines = interrupted_lines([(mgmt, "deployment"), (invoices, "deletion")])
    assert lines[1] == ("  mgmt (deployment of stack rc-dev-mgmt): az stack sub show --subscription "
                        "6a1b2c3d-0000-4000-8000-000000000001 --name rc-dev-mgmt")
    assert lines[2] == ("  billing-invoices (deletion of stack rc-dev-billing-invoices): az stack group show "
                        "--subscription 6a1b2c3d-0000-4000-8000-000000000003 --resource-group rc-dev-bil-billing-rg "
                        "--name rc-dev-billing-invoices")
    assert interrupted_lines([], "SIGTERM") == [
        "Interrupted (SIGTERM). Nothing relecloud started is still running in Azure."]


def test_redaction_covers_secure_objects_and_values_inside_text():
    redact = Redactor({"u": {"a": Secret({"user": "admin", "key": "k3y-Value"}), "b": Secret("p@ss")}})
    assert redact.text("error: password p@ss rejected for k3y-Value") == \
        "error: password (secure value) rejected for (secure value)"
    assert redact.value({"nested": ["p@ss", 3]}) == {"nested": ["(secure value)", 3]}


def test_failed_operations_name_the_resource_and_its_error():
    operations = [
        {
            "properties": {
                "provisioningState": "Succeeded",
                "targetResource": {"resourceType": "A/b", "resourceName": "ok"},
            }
        },
        {
            "properties": {
                "provisioningState": "Failed",
                "statusCode": "BadRequest",
                "targetResource": {"resourceType": "Microsoft.Sql/servers", "resourceName": "db"},
                "statusMessage": {
                    "status": "Failed",
                    "error": {
                        "code": "InvalidParameter",
                        "message": "Password too short.",
                        "details": [{"code": "PasswordPolicy", "message": "Needs 12 characters."}],
                    },
                },
            }
        },
    ]
    assert failed_operations(operations) == [
        "operation failed on Microsoft.Sql/servers db: InvalidParameter: Password too short.",
        "    PasswordPolicy: Needs 12 characters."]
    assert UnitError("DeploymentFailed: x", ["detail"], "look", "deployment").lines() == [
        "deployment failed: DeploymentFailed: x", "  detail", "  hint: look"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_live_block_redrawn_in_place(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    stream = FakeTerminal()
    live = LiveUnits(stream, ["mgmt", "billing"], color=True)
    live.phase("mgmt", "deploying 1/3 operations")
    live.phase("billing", "validating")
    live.phase("mgmt", "succeeded")
    text = stream.getvalue()
    assert "\x1b[2F\x1b[J" in text  # moved up over the two unit lines and redrew them
    assert "\x1b[32msucceeded" in text  # green
    assert text.count("\n") == 1 + 2 + 2
    live.progress(1, 2)
    live.phase("billing", "succeeded")
    assert "1/2 units done" in stream.getvalue()


def test_plain_output_logs_each_change_once_without_control_codes():
    stream = io.StringIO()
    live = LiveUnits(stream, ["mgmt"], color=False)
    live.phase("mgmt", "validating")
    live.phase("mgmt", "validating")
    live.phase("mgmt", "deploying")
    lines = stream.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == ["mgmt: validating", "mgmt: deploying"]
    assert "\x1b" not in stream.getvalue()


def test_quiet_shows_no_progress():
    stream = io.StringIO()
    LiveUnits(stream, ["mgmt"], color=False, quiet=True).phase("mgmt", "validating")
    assert stream.getvalue() == ""
