"""The whole Relecloud estate, rendered by `relecloud render` and deployed through the CLI to the emulator."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from arm_emulator import Failure, Fault
from deploy_helpers import deploy, emulator, no_stray_connections, outcomes  # noqa: F401 (fixtures)
from relecloud_templates.cli import cli
from relecloud_templates.deploy.plan import load_plan
from relecloud_templates.deploy.secrets import env_names


@pytest.fixture
def rendered(tmp_path, deploy, monkeypatch):
    out = tmp_path / "rendered"
    result = CliRunner().invoke(cli, ["render", "--example", "-o", str(out), "--env", "dev"])
    assert result.exit_code == 0, result.output
    out = out / "dev"
    plan = load_plan(out)
    for unit in plan.units:
        for name in unit.secure_parameters:
            monkeypatch.setenv(env_names(unit, name)[0], "Emulator-Only-Secret-1")
    return out, plan



def dependants(plan, name: str) -> set[str]:
    found = {name}
    for unit in plan.units:
        if found & set(unit.depends_on):
            found.add(unit.name)
    return found - {name}


def test_the_estate_deploys_then_what_if_shows_nothing_to_do(deploy, rendered):
    out, plan = rendered
    result = deploy(str(out), "--yes", "--max-parallel", "8")
    assert result.exit_code == 0, result.output
    assert outcomes(result.stdout) == dict.fromkeys(plan.names(), "succeeded")
    again = deploy(str(out), "--what-if")
    assert again.exit_code == 0, again.output
    assert again.stdout.count("0 to create, 0 to modify, 0 to delete") == len(plan.units)


def test_a_failing_landing_zone_skips_its_units_and_a_rerun_finishes(deploy, rendered, emulator):
    out, plan = rendered
    zone = next(u for u in plan.units if u.kind == "landingZone")
    emulator.world.failures.append(Failure(zone.deployment_name, "*", "InternalServerError", "Injected."))
    first = deploy(str(out), "--yes", "--max-parallel", "8")
    assert first.exit_code == 1
    skipped = dependants(plan, zone.name)
    assert skipped, "a landing zone has units that depend on it"
    expected = {n: "skipped" if n in skipped else "succeeded" for n in plan.names()}
    assert outcomes(first.stdout) == {**expected, zone.name: "failed"}
    second = deploy(str(out), "--yes", "--max-parallel", "8")
    assert second.exit_code == 0, second.output
    assert outcomes(second.stdout) == dict.fromkeys(plan.names(), "succeeded")


def test_the_estate_deploys_through_throttling_and_server_errors(deploy, rendered, emulator):
    out, plan = rendered
    emulator.faults += [Fault("PUT", "*/deployments/*", status=429, retry_after=1, times=2),
                        Fault("GET", "*/operationstatuses/*", status=503, times=3)]
    result = deploy(str(out), "--yes", "--max-parallel", "8")
    assert result.exit_code == 0, result.output
    assert [s for _, _, s in emulator.requests].count(429) == 2
