"""Inline suppressions (with reason and expiry) and the configuration file."""

from __future__ import annotations

import json

import pytest
from lintkit import codes, described, lint_doc, lint_files, template, write

from relecloud_templates.diagnostics import Severity
from relecloud_templates.lint.config import ConfigError, load_config, parse_config
from relecloud_templates.lint.registry import find_rule

HARDCODED = {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2024-11-01", "name": "kv", "location": "westeurope",
             "tags": {}, "properties": {"tenantId": "[subscription().tenantId]", "enablePurgeProtection": True,
                                        "enableRbacAuthorization": True, "publicNetworkAccess": "Disabled",
                                        "sku": {"family": "A", "name": "standard"}}}


def suppressed(*entries) -> dict:
    return template([HARDCODED | {"metadata": {"relecloud": {"suppress": list(entries)}}}])


def test_a_suppression_with_a_reason_silences_the_rule_inside_the_resource():
    found = lint_doc(suppressed({"rule": "W3004", "reason": "data residency: this vault stays in West Europe"}))
    assert "W3004" not in codes(found)
    assert not {"W0008", "W0009", "W0010"} & set(codes(found))


def test_the_short_form_and_rule_names_work():
    found = lint_doc(suppressed("location-not-hardcoded: data residency"))
    assert "W3004" not in codes(found)


def test_a_suppression_without_reason_is_ignored_and_reported():
    found = lint_doc(suppressed({"rule": "W3004"}))
    assert "W3004" in codes(found) and "W0010" in codes(found)


def test_an_unknown_rule_is_reported_with_a_suggestion():
    found = lint_doc(suppressed({"rule": "W3040", "reason": "x"}))
    hit = next(d for d in found.diagnostics if d.code == "W0010")
    assert "W3040" in hit.message and hit.hint


def test_an_expired_suppression_stops_working_and_says_so():
    found = lint_doc(suppressed({"rule": "W3004", "reason": "until the move", "until": "2026-01-31"}))
    assert "W3004" in codes(found) and "W0009" in codes(found)


def test_a_future_expiry_still_applies():
    found = lint_doc(suppressed({"rule": "W3004", "reason": "until the move", "until": "2027-01-31"}))
    assert "W3004" not in codes(found) and "W0009" not in codes(found)


def test_an_unused_suppression_is_reported_where_it_is_written():
    found = lint_doc(suppressed({"rule": "W5009", "reason": "nothing to silence here"}))
    hit = next(d for d in found.diagnostics if d.code == "W0008")
    assert hit.location.line > 0


def test_a_template_level_suppression_covers_the_whole_file():
    doc = template([HARDCODED], metadata={"relecloud": {"suppress": ["W3004: single-region estate"]}})
    assert "W3004" not in codes(lint_doc(doc))


def test_a_suppression_does_not_reach_a_sibling_resource():
    other = HARDCODED | {"name": "kv2"}
    doc = template([HARDCODED | {"metadata": {"relecloud": {"suppress": ["W3004: this one only"]}}}, other])
    found = [d for d in lint_doc(doc).diagnostics if d.code == "W3004"]
    assert len(found) == 1


def test_config_turns_rules_off_and_changes_levels():
    config = parse_config({"rules": {"W3004": "off", "descriptions": "error"}}, None)
    doc = template([HARDCODED], parameters={"p": {"type": "string"}},
                   outputs={"o": {"type": "string", "value": "[parameters('p')]", "metadata": {"description": "d"}}})
    found = lint_doc(doc, config)
    assert "W3004" not in codes(found)
    assert [d.severity for d in found.diagnostics if d.code == "I4001"] == [Severity.ERROR]


def test_rule_options_from_config():
    config = parse_config({"rules": {"required-tags": {"required": ["Owner"]}}}, None)
    found = lint_doc(template([HARDCODED | {"location": "[parameters('l')]"}], parameters={"l": described()}), config)
    assert any("Owner" in d.message for d in found.diagnostics if d.code == "W4002")


def test_api_version_reference_date_is_configurable():
    old = {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "s"}
    assert "I3005" not in codes(lint_doc(template([old])))
    config = parse_config({"rules": {"I3005": {"reference-date": "2030-01-01"}}}, None)
    assert "I3005" in codes(lint_doc(template([old]), config))


@pytest.mark.parametrize("table, words", [
    ({"rules": {"W9999": "off"}}, "unknown rule"),
    ({"rules": {"W3004": "loud"}}, "level must be one of"),
    ({"rules": {"I3005": {"max-age": 3}}}, "unknown option"),
    ({"rules": {"I3005": {"max-age-days": "long"}}}, "must be of type int"),
    ({"exclude": "legacy"}, "list of glob strings"),
    ({"fail_on": "error"}, "unknown setting"),
])
def test_bad_configuration_is_a_clear_error(table, words):
    with pytest.raises(ConfigError, match=words):
        parse_config(table, None)


def test_config_is_found_in_pyproject_and_excludes_paths(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.relecloud.validate]\nexclude = ["legacy/**"]\nfail-on = "warning"\n'
                                             '[tool.relecloud.validate.rules]\nW2001 = "off"\n')
    write(tmp_path / "legacy" / "old.json", template([HARDCODED]))
    write(tmp_path / "new" / "main.json", template([], parameters={"unused": described()}))
    config = load_config(start=tmp_path / "new")
    assert config.fail_on == Severity.WARNING
    found = lint_files([tmp_path], config)
    assert found.files == [str(tmp_path / "new" / "main.json")]
    assert found.diagnostics == []


def test_dot_relecloud_toml_wins(tmp_path):
    (tmp_path / ".relecloud.toml").write_text('[validate.rules]\nW3004 = "error"\n')
    (tmp_path / "pyproject.toml").write_text('[tool.relecloud.validate.rules]\nW3004 = "off"\n')
    config = load_config(start=tmp_path)
    assert config.setting(find_rule("W3004")).level == Severity.ERROR


def test_config_that_is_not_toml(tmp_path):
    path = tmp_path / ".relecloud.toml"
    path.write_text("[validate\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_suppression_positions_survive_comments_and_strings_with_brackets():
    text = json.dumps(suppressed("W3004: a reason with } and ] inside"), indent=2)
    text = text.replace('"resources": [', '"resources": [ /* } ] */', 1)
    from lintkit import lint_text

    assert "W3004" not in codes(lint_text(text))
