"""What checkov and PSRule users expect: a baseline for adopting the linter in a legacy repository, a helpUri per
rule in SARIF, and per-rule counts in the text summary and the JSON report."""

from __future__ import annotations

import json

from click.testing import CliRunner
from lintkit import described, template, write

from relecloud_templates.cli import cli


def run(*args, cwd=None):
    return CliRunner().invoke(cli, ["validate", "--no-color", *args])


def legacy(tmp_path):
    return write(tmp_path / "infra" / "main.json",
                 template([], parameters={"adminPassword": described(), "dbPassword": described("secureString"),
                                          "unused": described()},
                          outputs={"leak": {"type": "string", "value": "[parameters('dbPassword')]"}}))


def test_a_baseline_hides_known_findings_and_shows_new_ones(tmp_path, monkeypatch):
    path = legacy(tmp_path)
    baseline = tmp_path / "relecloud-baseline.json"
    written = run("--write-baseline", str(baseline), str(path))
    assert written.exit_code == 0 and "wrote the baseline" in written.stderr  # adopting: the run passes
    recorded = json.loads(baseline.read_text())
    assert {f["rule"] for f in recorded["findings"]} == {"E5003", "W5001", "W2001"}
    assert {f["path"] for f in recorded["findings"]} == {"infra/main.json"}  # relative to the baseline's folder
    quiet = run("--baseline", str(baseline), str(path))
    assert quiet.exit_code == 0 and quiet.stdout == "" and "4 known finding(s) not shown" in quiet.stderr
    # an edit that moves every line does not bring the known findings back; a new problem shows
    doc = json.loads(path.read_text())
    doc["parameters"]["apiToken"] = described()
    doc["outputs"]["leak2"] = {"type": "string", "value": "[parameters('dbPassword')]"}
    path.write_text("\n\n" + json.dumps(doc, indent=4))
    new = run("--baseline", str(baseline), str(path))
    assert new.exit_code == 1
    assert sorted(line.split()[2] for line in new.stdout.splitlines() if line.startswith(str(path))) == \
        ["E5003", "W2001", "W5001"]  # the second leak, and apiToken: plain and unused
    # from another working directory, the same baseline applies
    monkeypatch.chdir(tmp_path / "infra")
    assert run("--baseline", str(baseline), "main.json").exit_code == 1


def test_a_missing_or_foreign_baseline_is_a_usage_error(tmp_path):
    path = legacy(tmp_path)
    missing = run("--baseline", str(tmp_path / "nope.json"), str(path))
    assert missing.exit_code == 2 and "--write-baseline" in missing.stderr
    foreign = write(tmp_path / "foreign.json", {"findings": "all"})
    assert run("--baseline", str(foreign), str(path)).exit_code == 2


def test_fixed_findings_are_counted_so_the_baseline_can_be_refreshed(tmp_path):
    path = legacy(tmp_path)
    baseline = tmp_path / "b.json"
    run("--write-baseline", str(baseline), str(path))
    doc = json.loads(path.read_text())
    del doc["parameters"]["unused"]
    path.write_text(json.dumps(doc))
    result = run("--baseline", str(baseline), str(path))
    assert "1 no longer occur" in result.stderr


def test_sarif_rules_link_to_their_section_of_the_docs(tmp_path):
    path = legacy(tmp_path)
    log = json.loads(run("-f", "sarif", str(path)).stdout)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["W5001"]["helpUri"].endswith("docs/validate.md#w5001-secret-param-not-secure")
    assert all(r["helpUri"].startswith("https://") for r in rules.values() if r["id"][0] in "EWI" and "helpUri" in r)
    config = tmp_path / ".relecloud.toml"
    config.write_text('[validate]\ndocs-url = "https://docs.example.com/relecloud/validate"\n')
    mirrored = json.loads(run("-f", "sarif", "--config", str(config), str(path)).stdout)
    assert mirrored["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith("https://docs.example.com/relecloud/validate#")


def test_the_text_summary_and_the_json_report_count_findings_per_rule(tmp_path):
    path = legacy(tmp_path)
    text = run(str(path))
    assert text.stderr.splitlines()[-4:] == ["1 error, 3 warnings in 1 file", "  E5003 outputs-no-secrets: 1",
                                             "  W2001 unused-parameter: 2", "  W5001 secret-param-not-secure: 1"]
    data = json.loads(run("-f", "json", str(path)).stdout)
    assert data["rules"] == {"E5003": 1, "W2001": 2, "W5001": 1}
