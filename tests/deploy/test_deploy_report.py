"""What deploy prints: what-if lines, the summary table, the Ctrl-C notice, colour only on a terminal."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from deploy_helpers import estate  # noqa: F401 (fixture)
from relecloud_templates.deploy.errors import UnitError, failed_operations
from relecloud_templates.deploy.live import LiveUnits
from relecloud_templates.deploy.plan import load_plan
from relecloud_templates.deploy.report import interrupted_lines, preview_lines, summary_table
from relecloud_templates.deploy.runner import Change, Deployed, Preview, StillRunning
from relecloud_templates.deploy.scheduler import Outcome, UnitResult


def plain(text: str, meaning: str) -> str:
    return text


def test_preview_lists_changes_by_kind_and_hides_unchanged(estate):
    unit = load_plan(estate).unit("billing-invoices")
    preview = Preview([
        Change("Create", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe"),
        Change("Modify", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa",
               ("sku.name",)),
        Change("NoChange", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/db"),
        Change("Delete", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/db/databases/old"),
    ])
    lines = preview_lines(unit, preview, plain, "Complete")
    assert lines[0].endswith("Complete): 1 to create, 1 to modify, 1 to delete, 1 unchanged")
    assert lines[1:] == ["  + Microsoft.Network/privateEndpoints pe",
                         "  ~ Microsoft.Storage/storageAccounts sa  (sku.name)",
                         "  - Microsoft.Sql/servers/databases db/old"]


def test_summary_table_shows_result_duration_and_outputs(estate):
    plan = load_plan(estate)
    results = {"mgmt": UnitResult("mgmt", Outcome.SUCCEEDED, Deployed({"ids": ["a", "b"]}, Preview()),
                                  duration=12.34),
               "billing": UnitResult("billing", Outcome.SKIPPED, reason="prerequisite 'mgmt' failed")}
    assert summary_table(plan.units, results, plain) == [
        "UNIT     RESULT     DURATION  OUTPUTS",
        'mgmt     succeeded     12.3s  ids=["a", "b"]',
        "billing  skipped           -",
    ]


def test_interrupt_lists_running_deployments_with_az_show_commands(estate):
    plan = load_plan(estate)
    mgmt, invoices = plan.unit("mgmt"), plan.unit("billing-invoices")
    results = {"mgmt": UnitResult("mgmt", Outcome.INTERRUPTED, error=StillRunning(mgmt)),
               "billing-invoices": UnitResult("billing-invoices", Outcome.INTERRUPTED, error=StillRunning(invoices)),
               "billing": UnitResult("billing", Outcome.NOT_STARTED)}
    lines = interrupted_lines(plan.units, results)
    assert lines[1] == ("  mgmt: az deployment sub show --subscription 6a1b2c3d-0000-4000-8000-000000000001 "
                        "--name rc-dev-mgmt")
    assert lines[2] == ("  billing-invoices: az deployment group show --subscription "
                        "6a1b2c3d-0000-4000-8000-000000000003 --resource-group rc-dev-bil-billing-rg "
                        "--name rc-dev-billing-invoices")
    assert interrupted_lines(plan.units, {"billing": results["billing"]}) == [
        "Interrupted. No deployment was left running in Azure."]


def test_failed_operations_name_the_resource_and_its_error():
    operations = [
        {"properties": {"provisioningState": "Succeeded", "targetResource": {"resourceType": "A/b", "resourceName": "ok"}}},
        {"properties": {"provisioningState": "Failed", "statusCode": "BadRequest",
                        "targetResource": {"resourceType": "Microsoft.Sql/servers", "resourceName": "db"},
                        "statusMessage": {"status": "Failed", "error": {
                            "code": "InvalidParameter", "message": "Password too short.",
                            "details": [{"code": "PasswordPolicy", "message": "Needs 12 characters."}]}}}},
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


def test_plain_output_logs_each_change_once_without_control_codes():
    stream = io.StringIO()
    live = LiveUnits(stream, ["mgmt"], color=False)
    live.phase("mgmt", "validating")
    live.phase("mgmt", "validating")
    live.phase("mgmt", "deploying")
    lines = stream.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == ["mgmt: validating", "mgmt: deploying"]
    assert "\x1b" not in stream.getvalue()


def test_help_render_and_validate_never_import_the_azure_sdk(tmp_path):
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom relecloud_templates.cli import cli\n"
             "for args in (['--help'], ['deploy', '--help'], ['render', '--example', '-o', sys.argv[1]], "
             "['validate', 'scenarios/relecloud.yaml']):\n"
             "    CliRunner().invoke(cli, args)\n"
             "print(sorted({m.split('.')[0] + '.' + m.split('.')[1] for m in sys.modules if m.startswith('azure.')}))")
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "out")], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"


def test_quiet_shows_no_progress():
    stream = io.StringIO()
    LiveUnits(stream, ["mgmt"], color=False, quiet=True).phase("mgmt", "validating")
    assert stream.getvalue() == ""
