"""The rule book: for every rule, ``tests/lint/fixtures/<ID>/`` holds a template the rule fails (``bad.json``),
one it passes (``good.json``) and exactly what it reports on the first (``expected.txt``, the plain one-line form
of each finding, its hint below it), each rule alone (every other rule off).

A change to what a rule reports shows as a diff of its ``expected.txt``: ``make golden`` (``pytest
--update-golden``) rewrites the files from what the rules report now, for review before it is committed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lintkit import P_LOC, RG_SCHEMA, lint_text, only, template, vault

from relecloud_templates.lint.registry import all_rules

FIXTURES = Path(__file__).parent / "fixtures"

# The rules that have no folder, and where their behaviour is tested instead (each needs more than one template).
ELSEWHERE = {
    "E0011": "reports a rule that failed on a file, which no fixture should make happen: "
             "tests/lint/test_hostile_input.py and tests/lint/test_evidence.py (no internal errors anywhere)",
    "E0013": "reports Bicep compile errors, on .bicep files: tests/bicep/test_validate_bicep.py",
    "E2004": "pairs a parameters file with its template (two files): tests/lint/test_files_and_pairing.py",
    "W0008": "judges inline suppressions against the findings of other rules: "
             "tests/lint/test_suppressions_and_config.py",
    "W0009": "judges inline suppressions by date: tests/lint/test_suppressions_and_config.py",
    "W0010": "judges inline suppressions: tests/lint/test_suppressions_and_config.py",
    "W7010": "checks a rendered estate (plan.json and its units): tests/render/test_data_paths_check.py",
}


def _folders() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def _findings(rule_id: str, name: str) -> str:
    text = (FIXTURES / rule_id / name).read_text(encoding="utf-8")
    return "".join(d.format() + "\n" for d in lint_text(text, only(rule_id), shown=name).diagnostics)


def test_every_rule_has_a_folder_or_a_reason():
    rules = {r.id for r in all_rules()}
    assert sorted(rules - set(ELSEWHERE)) == _folders(), (
        "a rule without a folder: add tests/lint/fixtures/<ID>/bad.json and good.json, write expected.txt with "
        "make golden and review it, or say in ELSEWHERE where the rule is tested instead")
    assert set(ELSEWHERE) <= rules, "a reason for a rule that does not exist"
    for rule_id in _folders():
        assert sorted(p.name for p in (FIXTURES / rule_id).iterdir()) == ["bad.json", "expected.txt", "good.json"]


@pytest.mark.parametrize("rule_id", _folders())
def test_the_rule_reports_exactly_its_expected_findings_on_the_bad_template(rule_id, update_golden):
    found = _findings(rule_id, "bad.json")
    expected = FIXTURES / rule_id / "expected.txt"
    if update_golden:
        expected.write_text(found, encoding="utf-8")
    assert found, f"{rule_id} reports nothing on its bad.json"
    assert rule_id in found
    assert found == expected.read_text(encoding="utf-8"), "the findings changed: review with make golden and git diff"


@pytest.mark.parametrize("rule_id", _folders())
def test_the_rule_passes_the_good_template(rule_id):
    assert _findings(rule_id, "good.json") == ""


@pytest.mark.parametrize("rule_id", _folders())
def test_good_templates_pass_every_rule_of_their_area(rule_id):
    """The passing fixtures are clean for all rules of the same group, not just their own."""
    text = (FIXTURES / rule_id / "good.json").read_text(encoding="utf-8")
    area = next(r.area() for r in all_rules() if r.id == rule_id)
    same_area = {r.id for r in all_rules() if r.area() == area}
    assert [d.format() for d in lint_text(text).diagnostics if d.code in same_area] == []


def test_findings_point_at_the_property_and_inside_expressions():
    text = ('{\n'
            f'  "$schema": "{RG_SCHEMA}",\n'
            '  "contentVersion": "1.0.0.0",\n'
            '  "resources": [],\n'
            '  "outputs": {"o": {"type": "string", "value": "[concat(\'x\', parameters(\'nope\'))]"}}\n'
            '}\n')
    (hit,) = [d for d in lint_text(text, only("E1002")).diagnostics if d.code == "E1002"]
    line = text.splitlines()[hit.location.line - 1]
    assert line[hit.location.column - 1:].startswith("'nope'")
    vault_doc = template([vault(publicNetworkAccess="Enabled")], parameters=P_LOC)
    vault_text = json.dumps(vault_doc, indent=2)
    (hit,) = list(lint_text(vault_text, only("W5009")).diagnostics)
    assert vault_text.splitlines()[hit.location.line - 1].strip().rstrip(",") == '"publicNetworkAccess": "Enabled"'
    assert vault_text.splitlines()[hit.location.line - 1][hit.location.column - 1:].startswith('"Enabled"')


def test_a_host_name_spelled_with_json_escapes_is_found():
    # the file's text does not name the host; its decoded string does ("\u002e" is ".")
    doc = template([], outputs={"o": {"type": "string", "value": "https://x.blob.core.windows.net/"}})
    text = json.dumps(doc, indent=2).replace("core.windows", "core\\u002ewindows")
    assert "core.windows" not in text
    assert [d.code for d in lint_text(text).diagnostics if d.code == "W3006"] == ["W3006"]
