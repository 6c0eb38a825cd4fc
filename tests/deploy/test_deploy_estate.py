"""Real estates, rendered by `relecloud render` and deployed through the CLI to the emulator: the bundled
Relecloud estate in its two environments, and a small estate whose products come and go."""

from __future__ import annotations

from pathlib import Path

import pytest
from arm_emulator import Failure, Fault
from click.testing import CliRunner
from deploy_helpers import deploy, emulator, no_stray_connections, outcomes  # noqa: F401 (fixtures)

from relecloud_templates.cli import cli
from relecloud_templates.deploy.plan_file import load_plan
from relecloud_templates.deploy.secrets import env_names

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXTRA_PRODUCTS = """
      - name: weekly-sales
        description: Sales per week
        engine: dataFactory
        template: batch
        reads: [orders]
      - name: monthly-sales
        description: Sales per month
        engine: dataFactory
        template: batch
        reads: [orders]
"""


def render(out: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["render", *args, "-o", str(out), "--format", "arm"])
    assert result.exit_code == 0, result.output


def provide_secrets(plan, monkeypatch) -> None:
    for unit in plan.units:
        for name in unit.secure_parameters:
            monkeypatch.setenv(env_names(unit, name)[0], "Emulator-Only-Secret-1")


@pytest.fixture
def rendered(example_render, deploy, monkeypatch):
    """The bundled estate rendered for both environments (out/dev and out/prd: `render --example`, once per test
    process; deploy only reads it) and the values of their secure parameters."""
    plans = {env: load_plan(example_render / env) for env in ("dev", "prd")}
    for plan in plans.values():
        provide_secrets(plan, monkeypatch)
    return example_render, plans


def dependants(plan, name: str) -> set[str]:
    found = {name}
    for unit in plan.units:
        if found & set(unit.depends_on):
            found.add(unit.name)
    return found - {name}


def test_a_failing_landing_zone_skips_its_units_a_rerun_finishes_and_environments_deploy_apart(deploy, rendered,
                                                                                              emulator):
    out, plans = rendered
    # dev, whose first landing zone fails: its units are skipped, the others deployed; a rerun finishes the job.
    plan = plans["dev"]
    zone = next(u for u in plan.units if u.kind == "landingZone")
    emulator.world.failures.append(Failure(zone.deployment_name, "*", "InternalServerError", "Injected."))
    first = deploy(str(out / "dev"), "--yes", "--max-parallel", "8")
    assert first.exit_code == 1
    skipped = dependants(plan, zone.name)
    assert skipped, "a landing zone has units that depend on it"
    expected = {n: "skipped" if n in skipped else "succeeded" for n in plan.names()}
    assert outcomes(first.stdout) == {**expected, zone.name: "failed"}
    emulator.faults += [Fault("PUT", "*/deploymentstacks/*", status=429, retry_after=1, times=2),
                        Fault("GET", "*/operationstatuses/*", status=503, times=3)]
    dev = deploy(str(out), "--env", "dev", "--yes", "--max-parallel", "8")
    assert dev.exit_code == 0, dev.output
    assert outcomes(dev.stdout) == dict.fromkeys(plan.names(), "succeeded")
    assert [s for _, _, s in emulator.requests].count(429) == 2
    assert deploy.waits.count(1.0) >= 2  # each Retry-After: 1 honoured (shortened by the test back-off)

    # prd, rendered beside it from the same manifest, is another estate: previewed as new, deployed on its own.
    prd_preview = deploy(str(out), "--env", "prd", "--what-if", "--detailed-exitcode")
    count = len(plans["prd"].units)
    assert prd_preview.exit_code == 2 and f"0 unchanged; {count} new stack(s)" in prd_preview.stdout  # dev is not prd
    prd = deploy(str(out), "--env", "prd", "--yes", "--max-parallel", "8")
    assert prd.exit_code == 0, prd.output
    stacks = {(key[0][:8], key[2]) for key in emulator.world.stacks}
    assert ("6a1b2c3d", "rc-dev-mgmt") in stacks and ("7b2c3d4e", "rc-prd-mgmt") in stacks
    assert len(stacks) == len(plans["dev"].units) + count
    def pools(subscription: str) -> dict[str, str]:
        return {r.name.split("/")[-1]: r.body["properties"]["nodeSize"] for r in emulator.world.resources.values()
                if r.type == "Microsoft.Synapse/workspaces/bigDataPools" and subscription in r.id}

    assert set(pools("7b2c3d4e").values()) == {"Medium"} and len(pools("7b2c3d4e")) == 2  # prd's override
    assert "Medium" not in pools("6a1b2c3d").values()
    # Each environment's drift check sees only its own stacks: deploying prd changed nothing in dev.
    assert deploy(str(out), "--env", "dev", "--what-if", "--detailed-exitcode").exit_code == 0
    assert deploy(str(out), "--env", "prd", "--what-if", "--detailed-exitcode").exit_code == 0


def test_a_product_removed_from_the_manifest_is_removed_from_azure(deploy, emulator, tmp_path, monkeypatch):
    manifest = tmp_path / "estate.yaml"
    full = (SCENARIOS / "minimal.yaml").read_text().replace("\npeering:", EXTRA_PRODUCTS + "\npeering:")
    manifest.write_text(full)
    out = tmp_path / "out"
    render(out, str(manifest))
    provide_secrets(load_plan(out), monkeypatch)
    assert deploy(str(out), "--yes").exit_code == 0
    stacks = emulator.world.stacks

    def managed(product: str) -> list[str]:
        return next(s.managed for k, s in stacks.items() if k[2] == f"ex-dev-sales-{product}")

    weekly, monthly, daily = managed("weekly-sales"), managed("monthly-sales"), managed("daily-sales")
    # The products share a grant on the container of the integration they all read: each stack declares it.
    shared = set(weekly) & set(monthly) & set(daily)
    assert len(shared) == 1 and "/containers/orders/" in next(iter(shared))
    weekly, monthly = [r for r in weekly if r not in shared], [r for r in monthly if r not in shared]
    assert weekly and monthly and daily and not set(weekly) & set(monthly)

    # Without the weekly product: its stack goes, its resources stay (detach is the default).
    manifest.write_text(full.replace(EXTRA_PRODUCTS, EXTRA_PRODUCTS.split("      - name: monthly-sales")[0]
                                     .replace("weekly-sales", "monthly-sales").replace("per week", "per month")))
    render(out, str(manifest))
    preview = deploy(str(out), "--what-if", "--detailed-exitcode")
    assert preview.exit_code == 2
    assert "sales-weekly-sales: stack ex-dev-sales-weekly-sales at resource group" in preview.stdout
    assert "the manifest no longer has unit sales-weekly-sales: its stack is removed, and what it manages is " \
           "detached" in preview.stdout
    detached = deploy(str(out), "--yes")
    assert detached.exit_code == 0, detached.output
    assert outcomes(detached.stdout, 0) == {"sales-weekly-sales": "destroyed"}
    assert not any(k[2] == "ex-dev-sales-weekly-sales" for k in stacks)
    assert all(rid.lower() in emulator.world.resources for rid in weekly)

    # Without the monthly product, under --prune=delete: its resources are deleted, after being listed.
    manifest.write_text(full.replace(EXTRA_PRODUCTS, ""))
    render(out, str(manifest))
    deleted = deploy(str(out), "--yes", "--prune", "delete")
    assert deleted.exit_code == 0, deleted.output
    assert all(rid.lower() not in emulator.world.resources for rid in monthly)
    listed = deleted.stdout.split("will be DELETED (--prune=delete):\n")[1].split("\n\n")[0].splitlines()
    assert len([line for line in listed if line.endswith("(unit sales-monthly-sales)")]) == len(monthly)
    # The shared grant goes with the removed product's stack, and the products still there deploy it again.
    [again] = [line for line in listed if "then deployed again by unit" in line]
    assert "Microsoft.Authorization/roleAssignments" in again
    assert all(rid.lower() in emulator.world.resources for rid in shared)
    # The landing zone no longer needs the product's resource group, containers and subnet: they go too.
    assert "  - Microsoft.Resources/resourceGroups ex-dev-sales-monthly-sales  (unit sales)" in listed
    assert outcomes(deleted.stdout, 0) == {"sales-monthly-sales": "destroyed"}  # the removed product's stack first
    assert not any(k[2] == "ex-dev-sales-monthly-sales" for k in stacks)
    assert all(rid.lower() in emulator.world.resources for rid in daily)  # the products still there are untouched
    assert deploy(str(out), "--what-if", "--detailed-exitcode", "--prune", "delete").exit_code == 0
