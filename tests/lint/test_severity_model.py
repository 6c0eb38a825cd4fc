"""The severity model: errors break, warnings are posture, profiles raise posture to errors; --select/--ignore,
rules off by default, and rules keeping their old IDs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lintkit import described, lint_doc, template, write

from relecloud_templates.cli import cli
from relecloud_templates.diagnostics import Severity
from relecloud_templates.lint.config import ConfigError, parse_config
from relecloud_templates.lint.registry import all_rules

LOC = "[parameters('location')]"
P_LOC = {"location": described(defaultValue="[resourceGroup().location]")}
# A Key Vault open to the internet (posture) in a template that deploys fine.
OPEN_VAULT = template(
    [
        {
            "type": "Microsoft.KeyVault/vaults",
            "apiVersion": "2024-11-01",
            "name": "kv-open",
            "location": LOC,
            "properties": {
                "tenantId": "[subscription().tenantId]",
                "sku": {"family": "A", "name": "standard"},
                "publicNetworkAccess": "Enabled",
                "enableRbacAuthorization": True,
                "enablePurgeProtection": True,
            },
        }
    ],
    parameters=P_LOC,
)


def run(*args):
    return CliRunner().invoke(cli, ["validate", *args])


def levels(result, code):
    return [d.severity for d in result.diagnostics if d.code == code]


def test_posture_is_a_warning_by_default_and_an_error_under_the_security_baseline(tmp_path):
    path = write(tmp_path / "main.json", OPEN_VAULT)
    default = run(str(path), "--no-color")
    assert default.exit_code == 0 and "warning W5009 public-network-access" in default.stdout
    baseline = run(str(path), "--no-color", "--profile", "security-baseline")
    assert baseline.exit_code == 1 and "error W5009 public-network-access" in baseline.stdout


def test_data_landing_zone_extends_the_baseline(tmp_path):
    doc = json.loads(json.dumps(OPEN_VAULT))
    doc["resources"][0]["properties"]["enablePurgeProtection"] = False
    baseline = lint_doc(doc, parse_config({"profile": "security-baseline"}, None))
    assert levels(baseline, "W5009") == [Severity.ERROR] and levels(baseline, "W7005") == [Severity.WARNING] * 2
    landing = lint_doc(doc, parse_config({"profile": "data-landing-zone"}, None))
    assert levels(landing, "W5009") == [Severity.ERROR] and set(levels(landing, "W7005")) == {Severity.ERROR}


def test_profile_from_configuration_and_the_command_line_wins(tmp_path):
    path = write(tmp_path / "main.json", OPEN_VAULT)
    (tmp_path / ".relecloud.toml").write_text('[validate]\nprofile = "security-baseline"\n')
    assert run(str(path), "--config", str(tmp_path / ".relecloud.toml")).exit_code == 1
    # the configuration's rule levels still apply on top of the profile
    (tmp_path / "off.toml").write_text(
        '[validate]\nprofile = "security-baseline"\n[validate.rules]\nW5009 = "warning"\n'
    )
    assert run(str(path), "--config", str(tmp_path / "off.toml")).exit_code == 0


def test_unknown_profile_is_a_usage_error(tmp_path):
    path = write(tmp_path / "main.json", OPEN_VAULT)
    assert run(str(path), "--profile", "baseline").exit_code == 2
    with pytest.raises(ConfigError, match="did you mean 'security-baseline'"):
        parse_config({"profile": "security-baselin"}, None)


def test_select_and_ignore_by_id_name_and_prefix(tmp_path):
    doc = json.loads(json.dumps(OPEN_VAULT))
    doc["parameters"]["unused"] = described()
    everything = {d.code for d in lint_doc(doc).diagnostics}
    assert {"W5009", "W2001"} <= everything
    assert {d.code for d in lint_doc(doc, parse_config({"select": ["W5"]}, None)).diagnostics} == {"W5009"}
    assert {d.code for d in lint_doc(doc, parse_config({"select": ["public-network-access"]}, None)).diagnostics} == {
        "W5009"
    }
    assert "W2001" not in {
        d.code for d in lint_doc(doc, parse_config({"ignore": ["unused-parameter"]}, None)).diagnostics
    }
    path = write(tmp_path / "main.json", doc)
    narrowed = run(str(path), "--no-color", "--select", "W2001,W5009", "--ignore", "W5009")
    assert [line.split()[2] for line in narrowed.stdout.splitlines() if ": warning " in line] == ["W2001"]


def test_select_keeps_the_findings_that_say_a_file_was_not_checked(tmp_path):
    broken = tmp_path / "main.json"
    broken.write_text('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", ')
    result = run(str(broken), "--select", "W5009")
    assert result.exit_code == 1 and "E0001" in result.stdout
    assert run(str(broken), "--select", "W5009", "--ignore", "E0001").exit_code == 0


def test_unknown_rule_in_select_or_ignore_is_a_usage_error(tmp_path):
    path = write(tmp_path / "main.json", OPEN_VAULT)
    result = run(str(path), "--select", "public-network-acces")
    assert result.exit_code == 2 and "did you mean" in result.stderr
    assert run(str(path), "--ignore", "X12").exit_code == 2


def test_rules_off_by_default_run_when_selected_or_configured():
    doc = template(
        [], parameters={"p": {"type": "string"}}, outputs={"o": {"type": "string", "value": "[parameters('p')]"}}
    )
    assert "I4001" not in {d.code for d in lint_doc(doc).diagnostics}
    assert "I4001" in {d.code for d in lint_doc(doc, parse_config({"select": ["descriptions"]}, None)).diagnostics}
    assert "I4001" in {d.code for d in lint_doc(doc, parse_config({"rules": {"I4001": "info"}}, None)).diagnostics}
    # giving a rule that is off by default its options turns it on at its own level
    tagged = template(
        [
            {
                "type": "Microsoft.KeyVault/vaults",
                "apiVersion": "2024-11-01",
                "name": "kv-tagged",
                "location": LOC,
                "tags": {"env": "dev"},
                "properties": {},
            }
        ],
        parameters=P_LOC,
    )
    config = parse_config({"rules": {"required-tags": {"required": ["Owner"]}}}, None)
    assert levels(lint_doc(tagged, config), "W4002") == [Severity.WARNING]


def test_old_ids_still_work_in_configuration_and_suppressions():
    config = parse_config({"rules": {"E5009": "off"}}, None)
    assert levels(lint_doc(OPEN_VAULT, config), "W5009") == []
    doc = json.loads(json.dumps(OPEN_VAULT))
    doc["resources"][0]["metadata"] = {"relecloud": {"suppress": ["E5009: the portal front end is public by design"]}}
    assert {d.code for d in lint_doc(doc).diagnostics} & {"W5009", "W0010", "W0008"} == set()


def test_errors_by_default_are_the_ones_that_break_or_certainly_leak():
    """Security rules at error level without a profile are exactly those where a secret certainly leaks; every
    posture rule and every guess from a name is a warning a profile can raise."""
    security_errors = {r.id for r in all_rules() if r.area() == "security" and r.default_level() == Severity.ERROR}
    assert security_errors == {"E5002", "E5003", "E5004", "E5006", "E5013"}
    assert all(r.default_level() != Severity.ERROR for r in all_rules() if r.area() == "landingzone")
    for rule in all_rules():
        if rule.area() in ("security", "landingzone") and rule.default_level() == Severity.WARNING:
            assert rule.profiles, f"{rule.id} is posture that no profile raises"


def test_rules_command_shows_level_and_profile():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"]).stdout
    header = listing.splitlines()[0].split()
    assert header[:4] == ["ID", "NAME", "LEVEL", "PROFILES"]
    row = next(line for line in listing.splitlines() if line.startswith("W5009"))
    assert "warning" in row and "security-baseline: error" in row
    assert "off (info)" in next(line for line in listing.splitlines() if line.startswith("I3005"))
    one = runner.invoke(cli, ["rules", "W5009"]).stdout
    assert "Default level: warning; profiles: security-baseline: error" in one and "formerly E5009" in one
    assert "validate.md#w5009-public-network-access" in one
