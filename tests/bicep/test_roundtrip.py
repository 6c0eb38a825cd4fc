"""The round trip of generated Bicep: every rendered unit's ``main.bicep`` compiles back (``relecloud build``) to a
template equivalent to its ``main.json``; ``render --check`` runs it, and catches a translation defect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from relecloud_templates.bicep.roundtrip import build, check_render, compare
from relecloud_templates.cli import cli

ROOT = Path("/rendered")  # the in-memory render's folder (nothing is read from or written to it)


@pytest.fixture(scope="module")
def rendered(request) -> dict[str, bytes]:
    from relecloud_templates.manifest import load_manifest
    from relecloud_templates.plan import build_plan
    from relecloud_templates.render import render_files

    manifest = load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml")
    return render_files(manifest, build_plan(manifest), "scenarios/relecloud.yaml", "both").files


def test_every_rendered_unit_round_trips(rendered):
    units = sorted(name.split("/")[0] for name in rendered if name.endswith("/main.bicep"))
    assert len(units) >= 5
    assert [str(m) for m in check_render(rendered, ROOT)] == []


AKS_MODULE = "operations-cloud-service-recommender/modules/operationsCloudServiceRecommenderAks.bicep"


def test_the_quoted_identity_key_bug_is_caught(rendered):
    """The translator once wrote the user-assigned identity key of the recommender's AKS cluster as the string
    '[resourceId(...)]' (a literal key, not the identity's ID); the round trip must see it."""
    name = next(n for n in rendered if n.endswith("Aks.bicep") and b"userAssignedIdentities" in rendered[n])
    assert name == AKS_MODULE
    text = rendered[name].decode()
    key = next(line.strip() for line in text.splitlines() if line.strip().startswith("'${") and ".id}'" in line)
    symbol = key[len("'${"):key.index(".id}'")]
    buggy = text.replace(key, "'[resourceId(\\'Microsoft.ManagedIdentity/userAssignedIdentities\\', "
                              f"\\'{symbol}\\')]': {{}}")
    assert buggy != text
    mismatches = check_render({**rendered, name: buggy.encode()}, ROOT)
    assert mismatches
    assert all("operations-cloud-service-recommender/main.bicep" in m.file for m in mismatches)
    assert any("userAssignedIdentities" in m.message for m in mismatches)
    # a process checks a unit's files once (the result is kept), but each folder's check names its own files
    elsewhere = Path("/elsewhere/out")
    assert [(m.file, m.message, m.line) for m in check_render({**rendered, name: buggy.encode()}, elsewhere)] == [
        (str(elsewhere / Path(m.file).relative_to(ROOT)), m.message, m.line) for m in mismatches]


def test_compare_in_memory_with_modules():
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "parameters": {"p": {"type": "string"}},
                "resources": [], "outputs": {"o": {"type": "string", "value": "[parameters('p')]"}}}
    files = {"main.bicep": "param p string\noutput o string = p\n"}
    assert compare(template, ROOT / "main.bicep", files, ROOT) == []
    wrong = compare(template, ROOT / "main.bicep", {"main.bicep": "param p string\noutput o string = 'p'\n"}, ROOT)
    assert len(wrong) == 1 and wrong[0].message.startswith("/outputs/o/value:")
    broken = compare(template, ROOT / "main.bicep", {"main.bicep": "module m 'gone.bicep' = { name: 'm' }\n"}, ROOT)
    assert [m.message.split(":")[0] for m in broken] == ["BCP091"]
    assert build(ROOT / "main.bicep", files, ROOT).template["outputs"] == template["outputs"]


def test_render_check_fails_on_a_translation_that_does_not_round_trip(tmp_path, monkeypatch):
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["render", "--example", "-o", str(out), "--env", "dev"]).exit_code == 0
    assert runner.invoke(cli, ["render", "--example", "-o", str(out), "--env", "dev", "--check"]).exit_code == 0

    from relecloud_templates.bicep import template as translator
    from relecloud_templates.render import output

    monkeypatch.setattr(translator, "_metadata_decorators", lambda spec, site: [])  # outputs lose @description
    monkeypatch.setattr(output, "_TRANSLATED", {})  # the units translated above, by the sound translator, are kept
    result = runner.invoke(cli, ["render", "--example", "-o", str(out), "--env", "dev", "--check"])
    assert result.exit_code == 1
    assert "does not round-trip to main.json" in result.output
    assert "/metadata" in result.output


def test_build_command_writes_the_template(tmp_path):
    source = tmp_path / "main.bicep"
    source.write_text("param p string\noutput o string = p\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(source)])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "main.json").read_text())
    assert written["outputs"]["o"]["value"] == "[parameters('p')]"
    again = runner.invoke(cli, ["build", str(source)])
    assert again.exit_code == 2 and "already exists" in again.output  # never overwritten without --force
    assert runner.invoke(cli, ["build", str(source), "--force"]).exit_code == 0
    other = tmp_path / "elsewhere.json"
    assert runner.invoke(cli, ["build", str(source), "-o", str(other)]).exit_code == 0 and other.is_file()


def test_build_command_refuses_a_file_with_errors(tmp_path):
    source = tmp_path / "main.bicep"
    source.write_text("output o string = missing\n")
    result = CliRunner().invoke(cli, ["build", str(source)])
    assert result.exit_code == 1
    assert "BCP057" in result.output and ":1:19:" in result.output
    assert not (tmp_path / "main.json").exists()


def test_build_command_compiles_parameter_files(tmp_path, monkeypatch):
    (tmp_path / "main.bicep").write_text("@secure()\nparam password string\n")
    params = tmp_path / "main.bicepparam"
    params.write_text("using 'main.bicep'\nparam password = readEnvironmentVariable('BUILD_TEST_SECRET')\n")
    monkeypatch.setenv("BUILD_TEST_SECRET", "s3cret")
    result = CliRunner().invoke(cli, ["build", str(params), "--stdout"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["parameters"] == {"password": {"value": "s3cret"}}
