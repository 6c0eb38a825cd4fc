"""``.bicepparam`` files compile to deployment parameters files, as ``bicep build-params`` writes them."""

from __future__ import annotations

from relecloud_templates.bicep.compiler import Compiler

MAIN = """
param name string
param count int = 1
@secure()
param password string
param tags object = {}
"""


def build(tmp_path, text: str, main: str = MAIN):
    (tmp_path / "main.bicep").write_text(main, encoding="utf-8")
    (tmp_path / "main.bicepparam").write_text(text, encoding="utf-8")
    return Compiler().compile_file(tmp_path / "main.bicepparam")


def codes(compilation) -> list[str]:
    return [problem.code for problem in compilation.diagnostics if problem.level == "Error"]


def test_values_are_computed(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_PASSWORD", "s3cret")
    compilation = build(tmp_path, """using 'main.bicep'
var base = 'app'
param name = '${base}-${toUpper('x')}'
param count = length([1, 2, 3])
param password = readEnvironmentVariable('APP_PASSWORD')
param tags = { owner: base }
""")
    assert codes(compilation) == []
    assert compilation.template == {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"name": {"value": "app-X"}, "count": {"value": 3}, "password": {"value": "s3cret"},
                       "tags": {"value": {"owner": "app"}}}}


def test_key_vault_secret_becomes_a_reference(tmp_path):
    compilation = build(tmp_path, """using 'main.bicep'
param name = 'n'
param password = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg', 'vault', 'pw')
""")
    assert codes(compilation) == []
    assert compilation.template["parameters"]["password"] == {"reference": {
        "keyVault": {"id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
                           "Microsoft.KeyVault/vaults/vault"},
        "secretName": "pw"}}


def test_a_missing_required_parameter_is_bcp258(tmp_path):
    compilation = build(tmp_path, "using 'main.bicep'\nparam name = 'n'\n")
    assert codes(compilation) == ["BCP258"]
    problem = compilation.diagnostics[0]
    assert '"password"' in problem.message and "count" not in problem.message  # (count has a default)
    assert compilation.text[problem.start:problem.end] == "'main.bicep'"


def test_an_undeclared_parameter_and_a_wrong_type(tmp_path):
    compilation = build(tmp_path, """using 'main.bicep'
param name = 1
param password = 'x'
param other = 'y'
""")
    assert sorted(codes(compilation)) == ["BCP033", "BCP259"]


def test_unset_environment_variable_is_bcp338(tmp_path, monkeypatch):
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    compilation = build(tmp_path, "using 'main.bicep'\nparam name = 'n'\n"
                                  "param password = readEnvironmentVariable('NOT_SET_ANYWHERE')\n")
    assert codes(compilation) == ["BCP338"]
    assert compilation.model is not None and compilation.model.unset_variables  # (validate does not report it)


def test_extends_a_base_parameters_file(tmp_path):
    (tmp_path / "shared.bicepparam").write_text("using none\nparam password = 'from-base'\nparam name = 'base'\n")
    compilation = build(tmp_path, "using 'main.bicep'\nextends 'shared.bicepparam'\nparam name = 'own'\n")
    assert codes(compilation) == []
    assert compilation.template["parameters"]["name"] == {"value": "own"}
    assert compilation.template["parameters"]["password"] == {"value": "from-base"}
