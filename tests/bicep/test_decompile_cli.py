"""`relecloud decompile FILE.json`, driven through the real CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from relecloud_templates.cli import cli
from tests.bicep.roundtrip import parse_bicep

RG = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
TEMPLATE = {"$schema": RG, "contentVersion": "1.0.0.0", "parameters": {"name": {"type": "string"}},
            "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                           "name": "[parameters('name')]", "location": "[resourceGroup().location]"}]}


def run(*args):
    return CliRunner().invoke(cli, ["decompile", *args])


def test_writes_bicep_beside_the_template_and_exits_0(tmp_path):
    source = tmp_path / "storage.json"
    source.write_text(json.dumps(TEMPLATE))
    params = tmp_path / "storage.parameters.json"
    params.write_text(json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                             "deploymentParameters.json#", "parameters": {"name": {"value": "st1"}}}))
    result = run(str(source), "-p", str(params))
    assert result.exit_code == 0, result.output
    parse_bicep((tmp_path / "storage.bicep").read_text())
    assert (tmp_path / "storage.bicepparam").read_text() == "using 'storage.bicep'\n\nparam name = 'st1'\n"
    assert run(str(source)).exit_code == 2  # never overwrites without --force
    assert run(str(source), "--force").exit_code == 0


def test_untranslatable_constructs_warn_and_exit_1(tmp_path):
    source = tmp_path / "t.json"
    source.write_text(json.dumps({**TEMPLATE, "outputs": {"o": {"type": "string", "condition": "[true()]",
                                                                 "value": "x"}}}))
    result = run(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "warning D001 untranslated-construct: output conditions have no Bicep equivalent" in result.output
    text = (tmp_path / "out" / "t.bicep").read_text()
    assert "// relecloud: output conditions have no Bicep equivalent" in text


def test_bad_input_is_a_located_error_with_exit_2(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "$schema": ,\n}')
    result = run(str(broken))
    assert result.exit_code == 2
    assert f"{broken}:2:14: error E0001 parse-error" in result.output
    not_template = tmp_path / "p.json"
    not_template.write_text('{"$schema": "https://example.com/other.json"}')
    assert run(str(not_template)).exit_code == 2
    assert run(str(tmp_path / "missing.json")).exit_code == 2
    assert not list(tmp_path.glob("*.bicep"))


def test_sections_of_the_wrong_shape_are_located_errors_not_tracebacks(tmp_path):
    nested = {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
              "properties": {"mode": "Incremental", "parameters": True,
                             "expressionEvaluationOptions": {"scope": "inner"}, "template": {"$schema": RG}}}
    source = tmp_path / "t.json"
    source.write_text(json.dumps({**TEMPLATE, "parameters": {"name": 5}, "outputs": {"o": None},
                                  "resources": [*TEMPLATE["resources"], nested, 7]}, indent=1))
    params = tmp_path / "t.parameters.json"
    params.write_text(json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                             "deploymentParameters.json#", "parameters": {"name": "st1"}}))
    result = run(str(source), "-p", str(params))
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "error E0003 template-sections" in line]
    assert len(errors) == 4, result.output
    for message in ("parameter 'name' must be an object", "output 'o' must be an object",
                    "'parameters' must be an object", "a resource must be an object"):
        assert any(message in line and line.startswith(f"{source}:") for line in errors), message
    (in_parameters,) = [line for line in result.output.splitlines() if line.startswith(f"{params}:")]
    assert "error E0005 parameter-file-structure: parameter 'name' must be an object" in in_parameters
    assert not list(tmp_path.glob("*.bicep*"))


def test_hostile_templates_are_located_errors_with_exit_2(tmp_path):
    head = f'{{"$schema": "{RG}", "resources": [], "variables": '
    cases = {
        "bigint.json": (head + '{"n": ' + "9" * 5000 + "}}", "an integer of 5000 digits"),
        "deep.json": (head + '{"n": ' + "[" * 5000 + "]" * 5000 + "}}", "JSON nested more than 128 levels deep"),
        "copy.json": (head + '{"copy": {"name": "x", "count": 2, "input": 1}}}',
                      "error E0003 template-sections: 'copy' in variables must be an array"),
        "surrogate.json": (head + '{"v": "a\\udfffb"}}', "error E0001 parse-error: a string holds a lone surrogate"),
    }
    for name, (text, message) in cases.items():
        source = tmp_path / name
        source.write_text(text)
        result = run(str(source))
        assert result.exit_code == 2, (name, result.output)
        assert result.output.startswith(f"{source}:1:") and message in result.output, (name, result.output)
        assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.bicep"))


def test_deeply_nested_concat_decompiles(tmp_path):
    expression = "parameters('p')"
    for _ in range(200):
        expression = f"concat({expression}, parameters('p'))"
    source = tmp_path / "deep.json"
    source.write_text(json.dumps({**TEMPLATE, "parameters": {"p": {"type": "string"}},
                                  "variables": {"v": f"[{expression}]"}, "resources": []}))
    result = run(str(source))
    assert result.exit_code == 0, result.output
    assert "var v = '" + "${p}" * 201 + "'" in (tmp_path / "deep.bicep").read_text()
