"""Recognising files by content, pairing parameter files with templates, and judging with their values."""

from __future__ import annotations

from lintkit import PARAMS_SCHEMA, codes, described, lint_files, lint_text, template, write


def params(values: dict, **extra) -> dict:
    return {"$schema": PARAMS_SCHEMA, "contentVersion": "1.0.0.0",
            "parameters": {k: {"value": v} for k, v in values.items()}, **extra}


def lake_template() -> dict:
    return template(
        [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "lake",
          "location": "[parameters('location')]", "kind": "StorageV2", "tags": {},
          "properties": {"isHnsEnabled": True, "allowBlobPublicAccess": False, "minimumTlsVersion": "TLS1_2",
                         "allowSharedKeyAccess": "[parameters('sharedKey')]"}}],
        parameters={"location": described(), "sharedKey": described("bool", defaultValue=False)})


def test_parameter_values_are_used_to_judge_the_template(tmp_path):
    write(tmp_path / "main.json", lake_template())
    write(tmp_path / "main.parameters.json", params({"location": "westeurope", "sharedKey": True}))
    found = lint_files([tmp_path])
    assert "W5010" in codes(found) and "W7004" in codes(found)
    hit = next(d for d in found.diagnostics if d.code == "W5010")
    assert hit.location.path.endswith("main.json")


def test_values_that_differ_between_environments_are_unknown(tmp_path):
    write(tmp_path / "main.json", lake_template())
    write(tmp_path / "params.dev.json", params({"location": "westeurope", "sharedKey": True}))
    write(tmp_path / "params.prod.json", params({"location": "westeurope", "sharedKey": False}))
    found = lint_files([tmp_path])
    assert "W5010" not in codes(found)


def test_values_all_environments_agree_on_are_judged(tmp_path):
    write(tmp_path / "main.json", lake_template())
    write(tmp_path / "params.dev.json", params({"location": "westeurope", "sharedKey": True}))
    write(tmp_path / "params.prod.json", params({"location": "northeurope", "sharedKey": True}))
    assert "W5010" in codes(lint_files([tmp_path]))


def test_parameters_file_that_does_not_match_its_template(tmp_path):
    write(tmp_path / "main.json", lake_template())
    write(tmp_path / "main.parameters.json", params({"locaton": "westeurope", "sharedKey": "yes"}))
    found = lint_files([tmp_path / "main.parameters.json"])  # the template is found on disk beside it
    messages = [d.message for d in found.diagnostics if d.code == "E2004"]
    assert any("'locaton'" in m for m in messages)
    assert any("required parameter 'location'" in m for m in messages)
    assert any("expects bool, got string" in m for m in messages)
    hint = next(d.hint for d in found.diagnostics if "'locaton'" in d.message)
    assert "location" in hint
    assert found.files == [str(tmp_path / "main.parameters.json")]  # the template itself was not linted


def test_metadata_template_names_the_template(tmp_path):
    write(tmp_path / "lake.json", lake_template())
    write(tmp_path / "values.json", params({"location": "x", "extra": 1}, metadata={"template": "lake.json"}))
    assert "E2004" in codes(lint_files([tmp_path / "values.json"]))


def test_secure_parameters_may_be_left_to_the_command_line(tmp_path):
    doc = template([], parameters={"password": described("secureString")},
                   outputs={"n": {"type": "int", "value": "[length(parameters('password'))]"}})
    write(tmp_path / "main.json", doc)
    write(tmp_path / "main.parameters.json", params({}))
    assert "E2004" not in codes(lint_files([tmp_path / "main.parameters.json"]))


def test_parameter_file_structure(tmp_path):
    path = write(
        tmp_path / "x.parameters.json",
        {"$schema": PARAMS_SCHEMA, "parameters": {"a": {"vaule": 1}, "b": {"reference": {"secretName": "s"}}}},
    )
    found = lint_files([path])
    messages = sorted(d.message for d in found.diagnostics if d.code == "E0005")
    assert any("no contentVersion" in m for m in messages)
    assert any("unknown property 'vaule'" in m for m in messages)
    assert any("keyVault.id and secretName" in m for m in messages)


def test_files_are_recognised_by_content_and_named_files_that_are_not_ours_cannot_be_checked(tmp_path):
    write(tmp_path / "template.txt", template([]))  # any name: the $schema decides
    write(tmp_path / "package.json", {"name": "not-arm"})
    write(tmp_path / "notes.md", "# hello")
    found = lint_files([tmp_path / "template.txt", tmp_path / "package.json", tmp_path / "notes.md"])
    assert found.files == [str(tmp_path / "template.txt")]
    # named on the command line but not checkable: an error (exit 2), never a quiet "no findings"
    assert [u.split(": ", 1)[0] for u in found.unreadable] == [
        str(tmp_path / "package.json"),
        str(tmp_path / "notes.md"),
    ]
    assert "$schema of a deployment template" in found.unreadable[0]


def test_other_json_met_while_walking_a_folder_gets_a_note(tmp_path):
    write(tmp_path / "package.json", {"name": "not-arm"})
    write(tmp_path / "snippet.json", '{ "resources": [ ... ] }')  # a documentation snippet, not JSON
    write(tmp_path / "broken.json", '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
                                    'deploymentTemplate.json#", "resources": [ }')
    found = lint_files([tmp_path])
    assert found.unreadable == []
    assert sorted(n.split(": ", 1)[0] for n in found.notes) == [str(tmp_path / "package.json"),
                                                                 str(tmp_path / "snippet.json")]
    # a file that names an ARM schema is a template, broken or not
    assert [(d.code, d.location.path) for d in found.diagnostics] == [("E0001", str(tmp_path / "broken.json"))]


def test_a_folder_is_walked_recursively_and_hidden_folders_skipped(tmp_path):
    write(tmp_path / "a" / "b" / "main.json", template([], parameters={"unused": described()}))
    write(tmp_path / ".git" / "x.json", template([], parameters={"unused": described()}))
    found = lint_files([tmp_path])
    assert found.files == [str(tmp_path / "a" / "b" / "main.json")]


def test_broken_json_is_a_located_finding_not_a_skip(tmp_path):
    path = write(tmp_path / "main.json", '{\n  "$schema": "x",\n  "resources": [,]\n}\n')
    found = lint_files([path])
    (hit,) = found.diagnostics
    assert (hit.code, hit.location.line, hit.location.column) == ("E0001", 3, 17)


def test_missing_and_unreadable_inputs_are_usage_problems(tmp_path):
    found = lint_files([tmp_path / "nope.json"])
    assert found.unreadable and "no such file" in found.unreadable[0]


def test_manifest_is_recognised_and_checked(tmp_path):
    path = write(tmp_path / "estate.yaml", "version: 1\nmanagementZone: 3\n")
    found = lint_files([path])
    assert found.files == [str(path)]
    assert found.diagnostics and all(d.code.startswith("M") for d in found.diagnostics)


def test_comments_are_accepted_as_arm_accepts_them():
    text = '{{\n  // a comment\n  "$schema": "{}", /* here too */ "contentVersion": "1.0.0.0", "resources": []\n}}'.format("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")
    assert lint_text(text).diagnostics == []
