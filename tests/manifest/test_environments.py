"""Environments in one manifest: overrides resolved at load time, checks per environment, commands per environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from relecloud_templates.cli import cli
from relecloud_templates.manifest import load_manifest, read_environments, read_manifest
from relecloud_templates.plan.loading import plan_environments

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "relecloud.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def with_environments(tmp_path: Path, section: str, name: str = "estate.yaml") -> Path:
    """The bundled scenario with its environments section replaced by ``section``."""
    text = SCENARIO.read_text()
    text = text[:text.index("\nenvironments:")] + "\nenvironments:\n" + section
    path = tmp_path / name
    path.write_text(text)
    return path


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_bundled_scenario_defines_dev_and_prd_with_prd_overrides_applied():
    dev, prd = load_manifest(SCENARIO, "dev"), load_manifest(SCENARIO, "prd")
    assert (dev.env, prd.env) == ("dev", "prd") and dev.environments == prd.environments == ("dev", "prd")
    assert prd.organization.environment == "prd"
    assert prd.management_zone.subscription_id.startswith(
        "7b2c3d4e"
    ) and dev.management_zone.subscription_id.startswith("6a1b2c3d")
    billing = prd.zone("billing")
    assert billing.network.address_space == "10.102.0.0/16"
    assert [(i.compute_pool.type, i.compute_pool.node_size) for i in billing.integrations] == [("spark", "Medium")] * 2
    # Mappings merge key by key: prd adds a tag and keeps the shared ones, down to the zones.
    assert prd.organization.tags["Criticality"] == "high" and prd.organization.tags["CostCenter"] == "data-platform"
    assert "Criticality" in billing.tags and "Criticality" not in dev.zone("billing").tags
    # Without --env the default environment is organization.environment.
    assert load_manifest(SCENARIO).env == "dev"


def test_an_override_keeps_its_position_for_later_messages(tmp_path):
    path = with_environments(tmp_path, "  dev:\n  prd:\n    landingZones:\n      billing:\n"
                                       "        network: {addressSpace: 10.2.0.0/12}\n")
    manifest, problems = read_manifest(path, env="prd")
    assert manifest is None
    [found] = problems
    assert found.code == "M017" and found.location.line == line_of(path, "10.2.0.0/12")
    assert "10.0.0.0/12" in found.hint  # the intended network, host bits cleared


def test_a_problem_of_one_environment_says_which_and_shared_problems_are_reported_once(tmp_path):
    path = with_environments(
        tmp_path, "  dev:\n  prd:\n    managementZone:\n      network: {addressSpace: 10.100.0.0/16}\n"
    )
    _, problems = read_manifest(path)
    # prd moved the range but not the subnets written once for both: prd's subnets are now outside it.
    outside = [d for d in problems if d.code == "M015"]
    assert len(outside) == 2 and all(d.message.startswith("environment prd: subnet") for d in outside)
    assert outside[0].location.line == line_of(path, "firewall: 10.0.0.0/24")
    assert run("validate", str(path), "--env", "dev").exit_code == 0
    assert run("validate", str(path), "--env", "prd").exit_code == 1


def test_overrides_of_unknown_names_and_values_are_located_with_did_you_mean(tmp_path):
    path = with_environments(
        tmp_path,
        "  dev:\n  prd:\n    peerWith: [tst]\n    landingZones:\n      biling: {}\n"
        "      operations:\n        products:\n          recommender-revenu: {tags: {a: b}}\n"
        "    managementZone:\n      firewall: {tier: Basic}\n      services: [policy]\n",
    )
    _, problems = read_manifest(path)
    by_code = {(d.code, d.location.line): d for d in problems}
    assert by_code[("M030", line_of(path, "biling"))].hint == "did you mean 'billing'?"
    assert by_code[("M030", line_of(path, "recommender-revenu:"))].hint == "did you mean 'recommender-revenue'?"
    assert "'tst', which is not defined" in by_code[("M030", line_of(path, "peerWith"))].message
    assert by_code[("M005", line_of(path, "Basic"))].message.startswith("environments.prd.managementZone.firewall.tier")
    assert by_code[("M003", line_of(path, "services: [policy]"))].name == "unknown-property"
    # Each problem once, although every environment was resolved and checked.
    assert len(problems) == len({(d.code, d.location) for d in problems}) == 5


def test_env_names_an_environment_the_manifest_defines(tmp_path):
    manifest, [problem] = read_manifest(SCENARIO, env="tst")
    assert manifest is None and problem.code == "M030"
    assert "defines the environments dev, prd" in problem.message
    plain = tmp_path / "plain.yaml"
    plain.write_text(SCENARIO.read_text().split("\nenvironments:")[0])
    assert read_manifest(plain, env="dev")[0] is not None  # the one environment it describes
    _, [problem] = read_manifest(plain, env="prd")
    assert "defines no environments" in problem.message and "describes environment 'dev' only" in problem.message
    result = run("render", str(plain), "--env", "prd", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "M030" in result.output


def test_environments_that_peer_must_not_overlap_anywhere(tmp_path):
    path = with_environments(tmp_path, "  dev:\n  prd:\n    peerWith: [dev]\n    landingZones:\n"
                                       "      billing:\n        network: {addressSpace: 10.102.0.0/16}\n")
    _, problems = read_manifest(path)
    overlaps = [d for d in problems if d.code == "M014"]
    zones = sorted(d.message.split(" of ")[1].split(" ")[0] for d in overlaps)
    assert zones == ["'mgmt'", "'operations'"]  # billing has its own range in prd
    first = next(d for d in overlaps if "'mgmt'" in d.message)
    assert "in environment 'prd' overlaps 10.0.0.0/16 of 'mgmt' in environment 'dev'" in first.message
    assert "both inherit the range" in first.message and "environments.prd" in first.hint
    # Checking prd alone still compares it with the environment it peers with; without peerWith nothing overlaps.
    assert any(d.code == "M014" for d in read_manifest(path, env="prd")[1])
    apart = with_environments(tmp_path, "  dev:\n  prd:\n", "apart.yaml")
    assert read_environments(apart)[1] == []


def test_render_writes_each_environment_into_its_own_folder_and_env_picks_one(tmp_path):
    out = tmp_path / "out"
    result = run("render", "--example", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"rendered 7 units into {out / 'dev'}" in result.output and f"into {out / 'prd'}" in result.output
    dev, prd = (json.loads((out / env / "plan.json").read_text()) for env in ("dev", "prd"))
    assert dev["estate"] == {"prefix": "rc", "environment": "dev"} and prd["estate"]["environment"] == "prd"
    assert {u["subscriptionId"][:8] for u in prd["units"]} == {"7b2c3d4e"}
    assert next(u["deploymentName"] for u in prd["units"]) == "rc-prd-mgmt"
    assert not (out / "plan.json").exists()
    only = tmp_path / "only"
    assert run("render", "--example", "-o", str(only), "--env", "prd").exit_code == 0
    assert sorted(p.name for p in only.iterdir()) == ["prd"]


def test_plan_shows_what_differs_between_environments(tmp_path):
    text = run("plan", "--example").output
    assert text.startswith(f"Environments of {SCENARIO}: dev, prd (7 units each)") or "dev, prd (7 units each)" in text
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.startswith("  ")}
    assert rows["landingZones.billing.integrations.invoices.computePool.nodeSize"] == ["(unset)", "Medium"]
    assert rows["organization.tags.Criticality"] == ["(unset)", "high"]
    assert not any(key.startswith("landingZones.billing.tags") for key in rows), "inherited tags are said once"
    as_json = json.loads(run("plan", "--example", "--json").output)
    assert sorted(as_json["environments"]) == ["dev", "prd"]
    assert {"path": "managementZone.network.addressSpace", "values": {"dev": "10.0.0.0/16", "prd": "10.100.0.0/16"}} \
        in as_json["differences"]
    assert (
        "7b2c3d4e" not in run("plan", "--example", "--env", "dev").output
        and "subscription 7b2c3d4e" in run("plan", "--example", "--env", "prd").output
    )


def test_plan_environments_returns_one_plan_per_environment():
    planned = plan_environments(SCENARIO)
    assert [m.env for m, _ in planned] == ["dev", "prd"]
    assert [p.units[0].deployment_name for _, p in planned] == ["rc-dev-mgmt", "rc-prd-mgmt"]


@pytest.mark.parametrize("args, message", [
    (("deploy", "--example", "--what-if"), "defines the environments dev, prd: name the one to work on with --env"),
])
def test_deploy_asks_for_the_environment_of_a_manifest_with_several(args, message):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2 and message in result.output


def test_deploy_finds_an_environment_in_a_render_with_several(tmp_path):
    out = tmp_path / "out"
    assert run("render", "--example", "-o", str(out), "--format", "arm").exit_code == 0
    result = CliRunner().invoke(cli, ["deploy", str(out), "--what-if"])
    assert result.exit_code == 2 and "holds renders of several environments: dev, prd" in result.output
    result = CliRunner().invoke(cli, ["deploy", str(out), "--env", "tst", "--what-if"])
    assert result.exit_code == 2 and "--env tst: " in result.output


def test_an_environment_is_any_short_code_that_fits_every_resource_name(tmp_path):
    path = with_environments(tmp_path, "  dev:\n  uat:\n  perf:\n  prd2:\n")
    out = tmp_path / "out"
    assert run("render", str(path), "-o", str(out), "--format", "arm").exit_code == 0
    for env in ("dev", "uat", "perf", "prd2"):
        plan = json.loads((out / env / "plan.json").read_text())
        assert plan["estate"] == {"prefix": "rc", "environment": env}
        assert plan["units"][0]["deploymentName"] == f"rc-{env}-mgmt"

    # Six characters at most (the room a storage account name has), lowercase letters and digits.
    bad = with_environments(tmp_path, "  dev:\n  sandbox:\n  Uat:\n  peerWith-x:\n", "bad.yaml")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    for name in ("sandbox", "Uat", "peerWith-x"):
        assert f"bad.yaml:{line_of(bad, name + ':')}:3: error M005 invalid-value: environments: {name!r} is not a " \
               f"valid name" in result.output
    assert "1-6 lowercase letters and digits, starting with a letter" in result.output
    assert result.output.count("error M005") == 3  # each once, although every environment was checked


def test_the_schema_spells_the_environment_rule_that_naming_derives():
    from relecloud_templates.manifest import environments
    from relecloud_templates.resources import schemas_dir

    defs = json.loads((schemas_dir() / "manifest.schema.json").read_text())["$defs"]
    assert defs["environmentName"]["pattern"] == environments.NAME_PATTERN == "^[a-z][a-z0-9]{0,5}$"
    assert f"1-{environments.NAME_MAX_LEN} lowercase" in defs["environmentName"]["description"]
    prefix = defs["organization"]["properties"]["prefix"]["pattern"]
    assert prefix == "^[a-z][a-z0-9]{1,%d}$" % (environments.PREFIX_MAX_LEN - 1)
