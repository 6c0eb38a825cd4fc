"""The machine-readable side of deploy (--output json against its schema, the outputs file) and `relecloud
destroy`: stacks deleted in reverse dependency order after a confirmation that lists what goes."""

from __future__ import annotations

import json
import shlex
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
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

from relecloud_templates.resources import schemas_dir

SCHEMA = json.loads((schemas_dir() / "deploy-report.schema.json").read_text())
UNITS = ["mgmt", "billing", "operations", "billing-invoices", "operations-service-telemetry", "operations-recommender"]


def report(result) -> dict:
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return document


def destroy(deploy, *args: str, input: str | None = None):
    from click.testing import CliRunner

    from relecloud_templates.cli import cli

    return CliRunner().invoke(cli, ["destroy", *args], input=input)


def test_json_output_holds_every_unit_and_validates_against_the_schema(deploy, estate, emulator, tmp_path):
    preview = report(deploy(str(estate), "--what-if", "--output", "json"))
    assert preview["mode"] == "what-if" and preview["result"] == "previewed" and preview["changesPending"] is True
    assert [u["name"] for u in preview["units"]] == UNITS
    assert {u["result"] for u in preview["units"]} == {"previewed"}
    mgmt = preview["units"][0]
    assert mgmt["changes"] == [{"resourceId": "/subscriptions/6a1b2c3d-0000-4000-8000-000000000001/resourceGroups/"
                                              "rc-dev-mgmt-rg", "type": "Microsoft.Resources/resourceGroups",
                                "name": "rc-dev-mgmt-rg", "changeType": "Create", "properties": []}]
    assert mgmt["newStack"] is True and preview["units"][3]["deferred"].startswith("resource group")

    outputs = tmp_path / "ci" / "outputs.json"
    outputs.parent.mkdir()
    result = deploy(str(estate), "--yes", "--output", "json", "--outputs-file", str(outputs))
    deployed = report(result)
    assert deployed["result"] == "succeeded" and deployed["exitCode"] == 0 == result.exit_code
    assert deployed["environment"] == "dev" and deployed["signIn"] == {"ok": True, "error": None}
    assert all(u["result"] == "succeeded" and u["duration"] > 0 for u in deployed["units"])
    assert deployed["units"][0]["outputs"] == {"resourceGroupName": "rc-dev-mgmt-rg"}
    # The human report went to stderr; stdout is the JSON document alone.
    assert "UNIT " in result.stderr and result.stdout.lstrip().startswith("{")
    written = json.loads(outputs.read_text())
    assert written["operations-recommender"] == {"sqlServer": "rc-dev-rec-sql"} and sorted(written) == sorted(UNITS)
    assert SECRET not in result.output and SECRET not in outputs.read_text()


def test_json_reports_failures_skips_and_drift(deploy, estate, emulator):
    emulator.world.failures.append(Failure("rc-dev-billing", "*", "QuotaExceeded", "Not enough quota."))
    failed = report(deploy(str(estate), "--yes", "--output", "json"))
    by_name = {u["name"]: u for u in failed["units"]}
    assert failed["result"] == "failed" and failed["exitCode"] == 1
    assert by_name["billing"]["error"]["phase"] == "deployment"
    assert "QuotaExceeded: Not enough quota." in by_name["billing"]["error"]["details"]
    assert by_name["billing-invoices"] == {**by_name["billing-invoices"], "result": "skipped",
                                           "reason": "prerequisite 'billing' failed"}
    assert failed["finish"] == f"relecloud deploy {estate} --env dev --output json --unit billing " \
                               f"--unit billing-invoices --yes"
    drift = report(deploy(str(estate), "--what-if", "--detailed-exitcode", "--output", "json"))
    assert drift["exitCode"] == 2 and drift["changesPending"] is True
    assert [u["name"] for u in drift["units"] if u["changesPending"]] == ["billing", "billing-invoices"]


def test_a_failed_sign_in_is_in_the_json_report(deploy, estate, monkeypatch):
    monkeypatch.setenv("AZURE_CLIENT_SECRET", "wrong")
    document = report(deploy(str(estate), "--what-if", "--output", "json"))
    assert document["signIn"]["ok"] is False and "refused the credential" in document["signIn"]["error"]["message"]
    assert document["result"] == "failed" and document["units"][0]["result"] == "not started"


def test_destroy_deletes_the_stacks_in_reverse_dependency_order(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    resources = len(emulator.world.resources)
    result = destroy(deploy, str(estate), "--yes")
    assert result.exit_code == 0, result.output
    # What goes is listed before anything is deleted, every resource of every stack.
    listing = result.stdout.split("UNIT ")[0]
    assert "environment dev: 6 of 6 unit(s) have a deployment stack in Azure" in listing
    assert "  operations-recommender: stack rc-dev-operations-recommender, 4 resource(s) DELETED:\n" \
           "      - Microsoft.ContainerService/managedClusters rc-dev-rec-aks" in listing
    assert listing.count("      - ") == 10
    assert outcomes(result.stdout) == dict.fromkeys(UNITS, "destroyed")
    order = emulator.world.stacks_deleted
    assert sorted(order) == sorted(f"rc-dev-{u}" for u in UNITS)
    assert order.index("rc-dev-operations-recommender") < order.index("rc-dev-operations-service-telemetry") \
        < order.index("rc-dev-operations") < order.index("rc-dev-mgmt")
    assert order.index("rc-dev-billing-invoices") < order.index("rc-dev-billing") < order.index("rc-dev-mgmt")
    assert len(emulator.world.deleted) >= resources and emulator.world.resources == {}
    assert emulator.world.stacks == {}
    # Again: nothing left, nothing to do, success.
    again = destroy(deploy, str(estate), "--yes")
    assert again.exit_code == 0 and set(outcomes(again.stdout).values()) == {"absent"}


def test_destroy_a_zone_takes_what_depends_on_it_and_keep_resources_detaches(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    result = destroy(deploy, str(estate), "--yes", "--zone", "billing", "--keep-resources")
    assert result.exit_code == 0, result.output
    assert set(outcomes(result.stdout)) == {"billing", "billing-invoices"}
    assert "DETACHED (left in Azure, unmanaged)" in result.stdout
    assert {s[2] for s in emulator.world.stacks} == {f"rc-dev-{u}" for u in UNITS if not u.startswith("billing")}
    assert any(r.type == "Microsoft.Storage/storageAccounts" and "inv" in r.name
               for r in emulator.world.resources.values())  # detached, not deleted


def test_destroy_asks_and_refuses_without_a_terminal(deploy, estate, emulator, monkeypatch):
    assert deploy(str(estate), "--yes", "--zone", "billing").exit_code == 0
    unasked = destroy(deploy, str(estate))
    assert unasked.exit_code == 2 and "refusing to destroy without confirmation" in unasked.stderr
    from relecloud_templates.commands import deploy as command

    monkeypatch.setattr(command, "interactive", lambda: True)
    declined = destroy(deploy, str(estate), input="n\n")
    assert declined.exit_code == 1 and "Nothing was destroyed." in declined.stdout
    assert "Destroy 3 stack(s) of environment dev: 3 resource(s) DELETED? [y/N]" in declined.output
    assert "  operations: no stack (never deployed, or already destroyed)" in declined.stdout
    assert len(emulator.world.stacks) == 3


def test_a_failed_deletion_keeps_its_prerequisites_and_ctrl_c_names_the_deletion(deploy, estate, emulator):
    assert deploy(str(estate), "--yes", "--zone", "billing").exit_code == 0
    emulator.world.hold("rc-dev-billing-invoices")  # its deletion runs until released: Ctrl-C cannot come too late
    with interrupted_after(0, signal.SIGINT, when=deletion_sent(emulator, "rc-dev-billing-invoices")):
        stopped = destroy(deploy, str(estate), "--yes", "--zone", "billing")
    assert stopped.exit_code == 130, stopped.output
    assert "billing-invoices (deletion of stack rc-dev-billing-invoices): az stack group show --subscription " \
           "6a1b2c3d-0000-4000-8000-000000000003 --resource-group rc-dev-bil-billing-rg --name " \
           "rc-dev-billing-invoices" in stopped.stderr
    assert outcomes(stopped.stdout)["billing"] in ("not started", "skipped")
    finish = f"relecloud destroy {estate} --env dev --zone billing --yes"
    assert f"To wait for them and finish the job: {finish}\n" in stopped.stderr
    # Still being deleted when the re-run asks to delete it (refused: 409), it ends then: the re-run waits for it.
    with released_when(emulator, "rc-dev-billing-invoices",
                       refused_while_busy(emulator, "DELETE", "rc-dev-billing-invoices")):
        finished = destroy(deploy, *shlex.split(finish)[2:])
    assert finished.exit_code == 0, finished.output
    assert len(emulator.world.stacks) == 1  # mgmt stays: billing's units were asked for, not what they need


def deletion_sent(emulator, stack: str) -> Callable[[], bool]:
    return lambda: emulator.count("DELETE", f"*/deploymentstacks/{stack}?*") > 0


def test_destroy_and_an_interrupted_run_report_json_against_the_schema(deploy, estate, emulator):
    assert deploy(str(estate), "--yes", "--zone", "billing").exit_code == 0
    emulator.world.hold("rc-dev-billing-invoices")
    with interrupted_after(0, signal.SIGTERM, when=deletion_sent(emulator, "rc-dev-billing-invoices")):
        stopped = destroy(deploy, str(estate), "--yes", "--zone", "billing", "--output", "json")
    emulator.world.release("rc-dev-billing-invoices")
    interrupted = report(stopped)
    assert interrupted["mode"] == "destroy" and interrupted["exitCode"] == 143 == stopped.exit_code
    assert interrupted["result"] == "interrupted"
    assert interrupted["stillRunning"] == [{"unit": "billing-invoices", "stack": "rc-dev-billing-invoices",
                                            "operation": "deletion"}]
    assert "Interrupted (SIGTERM)" in stopped.stderr
    finished = destroy(deploy, str(estate), "--yes", "--zone", "billing", "--output", "json")
    done = report(finished)
    assert done["mode"] == "destroy" and done["result"] == "destroyed" and done["exitCode"] == 0 == finished.exit_code
    assert {u["name"]: u["result"] for u in done["units"]} == {"billing": "destroyed", "billing-invoices": "absent"}
    assert "stillRunning" not in done or done["stillRunning"] == []


@pytest.mark.parametrize("command", ["deploy", "destroy"])
def test_every_stack_operation_names_the_environment_it_was_rendered_for(command, deploy, estate, tmp_path):
    from click.testing import CliRunner

    from relecloud_templates.cli import cli

    result = CliRunner().invoke(cli, [command, str(estate), "--env", "prd", "--yes"])
    assert result.exit_code == 2 and "is the render of environment 'dev'" in result.output


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert Path(schemas_dir() / "deploy-report.schema.json").read_text().endswith("\n")


STACKS_OF_A_GROUP = "*/resourcegroups/*/providers/microsoft.resources/deploymentstacks"


def test_the_stacks_of_removed_units_are_looked_for_in_every_resource_group_at_once(deploy, estate, emulator):
    # The first list of a group's stacks is held until another group's list has been answered (at most 5 s):
    # looking in one group after another, that never happens.
    answered_meanwhile: list[bool] = []

    def another_group_answered() -> bool:
        if emulator.count("GET", STACKS_OF_A_GROUP + "?*") > 0:
            answered_meanwhile.append(True)
        return bool(answered_meanwhile)

    emulator.faults.append(Fault("GET", STACKS_OF_A_GROUP, status=0, within=5, until=another_group_answered))
    preview = deploy(str(estate), "--what-if")
    assert preview.exit_code == 0, preview.output
    assert emulator.count("GET", STACKS_OF_A_GROUP + "?*") >= 2 and answered_meanwhile


def test_a_failed_look_for_stacks_of_removed_units_is_said_and_prunes_nothing(deploy, estate, emulator):
    emulator.faults.append(Fault("GET", STACKS_OF_A_GROUP, status=403, times=100))
    preview = deploy(str(estate), "--what-if")
    assert preview.exit_code == 0, preview.output
    assert "could not look for stacks of removed units:" in preview.stderr
    assert "InjectedFault: HTTP 403" in preview.stderr  # what Azure answered


def test_ctrl_c_while_the_stacks_are_listed_stops_before_any_stack_is_written(deploy, estate, emulator):
    # Every list of a group's stacks is held, until the test ends, while Ctrl-C comes.
    listed, released = threading.Event(), threading.Event()

    def held() -> bool:
        listed.set()
        return released.is_set()

    emulator.faults.append(Fault("GET", STACKS_OF_A_GROUP, status=0, within=30, times=100, until=held))
    try:
        with interrupted_after(0, signal.SIGINT, when=listed.is_set):
            result = deploy(str(estate), "--yes")
    finally:
        released.set()  # the held lists are answered now: nothing is left waiting for them
    assert result.exit_code == 130, result.output
    assert "UNIT " not in result.output  # no summary of units: none was previewed or deployed
    assert not emulator.world.stacks and emulator.count("PUT", "*") == 0


def test_removed_units_are_found_by_their_tags_pruned_by_their_zone_and_destroyed_first(deploy, estate, emulator):
    assert deploy(str(estate), "--yes").exit_code == 0
    plan = json.loads((estate / "plan.json").read_text())
    plan["units"] = [u for u in plan["units"] if u["name"] not in ("operations-recommender", "billing-invoices")]
    (estate / "plan.json").write_text(json.dumps(plan))

    # A deploy of one unit leaves the removed units' stacks, and says so with the commands that prune them.
    one = deploy(str(estate), "--yes", "--unit", "operations")
    assert one.exit_code == 0, one.output
    assert "note: the manifest no longer has unit billing-invoices (zone billing); this deploy of --unit does not " \
           f"prune its stack rc-dev-billing-invoices: `relecloud deploy {estate} --env dev --what-if --zone billing` " \
           f"(its zone) or `relecloud deploy {estate} --env dev --what-if` prunes it" in one.stderr
    assert len(emulator.world.stacks) == 6
    # A deploy of a zone prunes that zone's removed units, and names the others.
    zone = deploy(str(estate), "--yes", "--zone", "operations", "--output", "json")
    assert zone.exit_code == 0, zone.output
    assert outcomes(zone.stderr, 0) == {"operations-recommender": "destroyed"}
    assert "this deploy of --zone operations does not prune its stack rc-dev-billing-invoices" in zone.stderr
    orphans = {o["name"]: o for o in report(zone)["orphans"]}
    assert orphans["operations-recommender"]["result"] == "destroyed"
    assert orphans["billing-invoices"]["result"] == "not started"
    assert orphans["billing-invoices"]["reason"].startswith("not pruned: `relecloud deploy")
    assert {s[2] for s in emulator.world.stacks} == {f"rc-dev-{u}" for u in UNITS if u != "operations-recommender"}

    # destroy finds the stacks of removed units too: listed before the question, deleted before their zone.
    result = destroy(deploy, str(estate), "--yes", "--zone", "billing")
    assert result.exit_code == 0, result.output
    listing = result.stdout.split("UNIT ")[0]
    assert "and 1 stack(s) of units the manifest no longer has (found by their tags)" in listing
    assert "  billing-invoices (removed from the manifest): stack rc-dev-billing-invoices, 1 resource(s) DELETED:\n" \
           "      - Microsoft.Storage/storageAccounts rcdevinvhxj6uj2c5qwio\n" \
           "  billing: stack rc-dev-billing, 1 resource(s) DELETED:" in listing
    assert outcomes(result.stdout, 0) == {"billing-invoices": "destroyed"}
    assert outcomes(result.stdout) == {"billing": "destroyed"}
    order = emulator.world.stacks_deleted
    assert order.index("rc-dev-billing-invoices") < order.index("rc-dev-billing")
    assert {s[2] for s in emulator.world.stacks} == {"rc-dev-mgmt", "rc-dev-operations",
                                                      "rc-dev-operations-service-telemetry"}


def test_a_plan_from_before_environments_deploys_and_says_how_to_render_it_again(deploy, estate, emulator):
    plan = json.loads((estate / "plan.json").read_text())
    del plan["estate"]
    (estate / "plan.json").write_text(json.dumps(plan))
    result = deploy(str(estate), "--what-if", "--unit", "mgmt")
    assert result.exit_code == 0, result.output
    assert "note: plan.json does not say which estate it belongs to (it was rendered before environments): stacks " \
           "of units the manifest no longer has cannot be found; render it again: relecloud render " \
           f"{estate}/scenarios/mini.yaml -o {estate}\n" in result.stderr
