"""`relecloud render` end to end, through the CLI: the Relecloud estate, stability, --check, safety, integrity."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.cli import cli
from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.render import render_files
from relecloud_templates.render.output import UnsafeOutputPath
from tests.render.integrity import RenderedUnit, check_estate, template_findings

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "example"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def estate(example_render) -> Path:
    # render --example (tests/conftest.py): the bundled scenario defines environments, each renders into its folder
    return example_render / "dev"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def units(out: Path) -> list[dict]:
    return load(out / "plan.json")["units"]


def deployed_types(template: dict) -> set[str]:
    found = set()
    for resource in template.get("resources", []):
        found.add(resource["type"])
        if resource["type"] == "Microsoft.Resources/deployments":
            found |= deployed_types(resource["properties"]["template"])
    return found


def test_plan_json_lists_every_unit_for_deploy(estate):
    listed = units(estate)
    assert [u["name"] for u in listed][:3] == ["mgmt", "operations", "operations-cloud-accounts"]
    for unit in listed:
        assert (estate / unit["template"]).is_file() and (estate / unit["parameters"]).is_file()
        assert len(unit["deploymentName"]) <= 64
        assert (unit["scope"] == "resourceGroup") == (unit["resourceGroup"] is not None)
    by_name = {u["name"]: u for u in listed}
    assert by_name["billing"]["secureParameters"] == []  # Entra-only Synapse: no SQL password to invent
    assert by_name["operations-cloud-service-recommender"]["secureParameters"] == [  # exposure: external
        "gatewayTlsCertificate", "scoringTlsCertificate", "scoringTlsPrivateKey", "scoringTlsRootCertificate"]


def test_units_only_where_the_scenario_deploys_something(estate):
    """Service telemetry (shared Databricks), customers and invoices (shared Synapse) get no unit; cloud accounts
    (batch template) and every product do."""
    assert [u["name"] for u in units(estate)] == [
        "mgmt", "operations", "operations-cloud-accounts", "operations-cloud-service-recommender", "billing",
        "billing-revenue-by-service", "operations-recommender-revenue"]


def test_kept_and_pruned_services_per_unit(estate):
    types = {u["name"]: deployed_types(load(estate / u["template"])) for u in units(estate)}
    assert "Microsoft.Databricks/workspaces" in types["operations"]
    assert "Microsoft.DataFactory/factories" not in types["operations"]  # cloud accounts has its own
    assert "Microsoft.DataFactory/factories" in types["operations-cloud-accounts"]
    assert "Microsoft.Synapse/workspaces" in types["operations"]
    assert not {"Microsoft.Databricks/workspaces", "Microsoft.DataFactory/factories"} & types["billing"]
    with_ml = sorted(n for n, t in types.items() if "Microsoft.MachineLearningServices/workspaces" in t)
    with_aks = sorted(n for n, t in types.items() if "Microsoft.ContainerService/managedClusters" in t)
    assert with_ml == with_aks == ["operations-cloud-service-recommender"]
    assert {"Microsoft.Synapse/workspaces/bigDataPools", "Microsoft.Synapse/workspaces/integrationRuntimes"} \
        <= types["billing"]


def test_explain_shows_billing_without_and_operations_with_the_engines(tmp_path):
    result = run("render", "--example", "--explain", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    billing = result.output.split("\nbilling  (")[1].split("\n\n")[0]
    for pruned in ("Databricks workspace for integrations", "Data Factory (shared integration)"):
        assert f"- {pruned}: pruned" in billing
    assert (
        "Machine Learning workspace: pruned"
        in result.output.split("\nbilling-revenue-by-service  (")[1].split("\n\n")[0]
    )
    operations = result.output.split("\noperations  (")[1].split("\n\n")[0]
    for kept in ("Databricks workspace for integrations", "Synapse workspace"):
        assert f"+ {kept}" in operations
    assert "- Data Factory (shared integration): pruned, no integration or product of the zone runs on the " \
           "zone's shared Data Factory" in operations


def test_every_template_is_referentially_whole(estate):
    rendered = []
    for unit in units(estate):
        template = load(estate / unit["template"])
        assert template_findings(template, unit["name"]) == []
        values = {k: v["value"] for k, v in load(estate / unit["parameters"])["parameters"].items()}
        rendered.append(RenderedUnit(unit["name"], unit["subscriptionId"], unit["resourceGroup"], template, values))
    assert check_estate(rendered) == []


def test_parameter_files_match_their_templates_and_hold_no_secret(estate):
    for unit in units(estate):
        template, values = load(estate / unit["template"]), load(estate / unit["parameters"])["parameters"]
        declared = template["parameters"]
        secure = {n for n, d in declared.items() if is_secure_declaration(d)}
        assert set(values) == set(declared) - secure, unit["name"]
        assert sorted(secure) == unit["secureParameters"]
        assert all("defaultValue" not in declared[n] for n in secure)
        assert all(d["metadata"]["description"] for d in declared.values())
        assert "password" not in json.dumps(values).lower()


def test_security_defaults_survive(estate):
    text = (estate / "operations" / "main.json").read_text() + (estate / "mgmt" / "main.json").read_text()
    assert '"allowSharedKeyAccess": false' in text and '"preventDataExfiltration": true' in text
    assert '"anonymousPullEnabled": true' not in text and '"adminUserEnabled": true' not in text
    assert '"publicNetworkAccess": "Enabled"' not in text
    assert "core.windows.net" not in text  # storage suffixes come from environment()


def test_second_render_is_byte_identical_and_check_passes(example_render_copy):
    out = example_render_copy  # the first render
    first = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    second = run("render", "--example", "-o", str(out))
    assert "0 file(s) written" in second.output
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == first
    assert run("render", "--example", "-o", str(out), "--check").exit_code == 0


def test_check_names_stale_and_missing_files_then_passes_after_render(example_render_copy):
    out = example_render_copy  # render --example -o out
    (out / "dev" / "billing" / "main.json").write_text("{}\n")
    (out / "prd" / "mgmt" / "main.parameters.json").unlink()
    result = run("render", "--example", "-o", str(out), "--check")
    assert result.exit_code == 1
    assert f"{out / 'dev' / 'billing' / 'main.json'}: out of date" in result.output
    assert f"{out / 'prd' / 'mgmt' / 'main.parameters.json'}: out of date" in result.output
    assert (out / "dev" / "billing" / "main.json").read_text() == "{}\n"  # --check writes nothing
    prd_only = run("render", "--example", "-o", str(out), "--check", "--env", "prd")
    assert prd_only.exit_code == 1 and "dev/billing" not in prd_only.output
    assert run("render", "--example", "-o", str(out)).exit_code == 0
    assert run("render", "--example", "-o", str(out), "--check").exit_code == 0


def test_units_gone_from_the_manifest_are_stale_then_removed(tmp_path, bundled_manifest):
    out, small = tmp_path / "out", tmp_path / "small.yaml"
    text = bundled_manifest.read_text()
    small.write_text(text)
    assert run("render", str(small), "-o", str(out)).exit_code == 0
    small.write_text(text.replace("      - name: recommender-revenue\n", "      - name: recommender-rev\n"))
    check = run("render", str(small), "-o", str(out), "--check")
    assert check.exit_code == 1 and "operations-recommender-revenue/main.json: out of date" in check.output
    assert run("render", str(small), "-o", str(out)).exit_code == 0
    assert not (out / "dev" / "operations-recommender-revenue").exists()
    assert not (out / "prd" / "operations-recommender-revenue").exists()


def test_bad_manifest_exits_2_with_located_errors_and_writes_nothing(tmp_path):
    manifest = tmp_path / "bad.yaml"
    manifest.write_text("version: 1\norganization: {name: X, prefix: x, environment: dev, location: westeurope}\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(manifest), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{manifest}:" in result.output
    assert not out.exists()


HOSTILE = 'It\'s "quoted" {{ braces }} }]} [concat(\'x\')] ${x} \\ end'


def test_hostile_text_cannot_break_or_inject(tmp_path, bundled_manifest):
    manifest = load_manifest(bundled_manifest)
    zones = list(manifest.landing_zones)
    products = list(zones[0].products)
    products[0] = dataclasses.replace(products[0], description=HOSTILE, tags={"Note": "[parameters('tags')]"})
    zones[0] = dataclasses.replace(zones[0], products=tuple(products))
    manifest = dataclasses.replace(manifest, landing_zones=tuple(zones))
    rendered = render_files(manifest, build_plan(manifest), "m.yaml")
    unit = products[0].zone + "-" + products[0].name
    template = json.loads(rendered.files[f"{unit}/main.json"])  # still one well-formed JSON document
    values = json.loads(rendered.files[f"{unit}/main.parameters.json"])["parameters"]
    assert values["tags"]["value"]["Note"] == "[parameters('tags')]"  # parameter files are never evaluated
    descriptions = [r["properties"]["template"]["resources"][0]["properties"].get("description")
                    for r in template["resources"] if "machineLearning" in r["name"]]
    assert descriptions == [HOSTILE]  # no leading '[', so ARM reads it literally


def test_arm_expression_looking_text_is_escaped(bundled_manifest):
    manifest = load_manifest(bundled_manifest)
    zones = list(manifest.landing_zones)
    products = list(zones[0].products)
    products[0] = dataclasses.replace(products[0], description="[concat('a', 'b')]")
    zones[0] = dataclasses.replace(zones[0], products=tuple(products))
    manifest = dataclasses.replace(manifest, landing_zones=tuple(zones))
    rendered = render_files(manifest, build_plan(manifest), "m.yaml")
    text = rendered.files["operations-cloud-service-recommender/main.json"].decode()
    assert '"description": "[[concat(\'a\', \'b\')]"' in text


def test_names_that_would_escape_the_output_folder_are_refused(tmp_path, bundled_manifest):
    manifest = load_manifest(bundled_manifest)
    zones = list(manifest.landing_zones)
    zones[1] = dataclasses.replace(zones[1], name="../../evil")
    manifest = dataclasses.replace(manifest, landing_zones=tuple(zones))
    with pytest.raises(UnsafeOutputPath):
        render_files(manifest, build_plan(manifest), "m.yaml")
    bad = tmp_path / "evil.yaml"
    bad.write_text(bundled_manifest.read_text().replace("name: billing", "name: ../evil"))
    result = CliRunner().invoke(cli, ["render", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert not (tmp_path / "evil").exists() and not (tmp_path / "out").exists()


def test_plan_command_text_and_json():
    text = run("plan", "--example", "--env", "dev")
    assert text.exit_code == 0 and "billing  (data landing zone" in text.output
    data = json.loads(run("plan", "--example", "--json", "--env", "dev").output)
    billing = {u["name"]: u for u in data["units"]}["billing"]
    assert {s["key"]: s["kept"] for s in billing["services"]}["dataFactory"] is False


def test_help_render_and_validate_import_no_azure_sdk(tmp_path, project_root):
    """The Azure SDK loads only for deploy and destroy: help, render and validate run, through the real entry point,
    in a process that never imports an azure.* module."""
    code = (
        "import sys; from relecloud_templates.cli import main\n"
        "for args in (['--help'], ['deploy', '--help'], ['destroy', '--help'],\n"
        "             ['render', '--example', '-q', '-o', {!r}], ['validate', 'scenarios/relecloud.yaml']):\n"
        "    sys.argv = ['relecloud', *args]\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in sys.modules if m == 'azure' or m.startswith('azure.')))"
    ).format(str(tmp_path / "o"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=project_root)
    assert (tmp_path / "o" / "dev" / "plan.json").is_file()  # the render ran
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("services", [("privateDnsZones",), ("privateDnsZones", "purview", "keyVault", "policy")])
def test_small_estates_render_whole_with_or_without_governance(services):
    from plan.manifests import manifest as small_manifest
    from plan.manifests import sales_zone

    estate_manifest = small_manifest(sales_zone(), services=services)
    plan = build_plan(estate_manifest)
    rendered = render_files(estate_manifest, plan, "m.yaml")
    whole = []
    for unit in plan.units:
        template = json.loads(rendered.files[f"{unit.name}/main.json"])
        assert template_findings(template, unit.name) == []
        values = json.loads(rendered.files[f"{unit.name}/main.parameters.json"])["parameters"]
        whole.append(RenderedUnit(unit.name, unit.subscription_id, unit.resource_group, template,
                                  {k: v["value"] for k, v in values.items()}))
    assert check_estate(whole) == []
    purview_mentioned = "Microsoft.Purview/accounts" in rendered.files["sales/main.json"].decode()
    assert purview_mentioned == ("purview" in services)


def test_format_chooses_arm_bicep_or_both(tmp_path):
    both, arm, bicep = tmp_path / "both", tmp_path / "arm", tmp_path / "bicep"
    assert run("render", "--example", "-o", str(both), "--env", "dev").exit_code == 0
    both = both / "dev"
    assert (both / "mgmt" / "main.json").is_file() and (both / "mgmt" / "main.bicep").is_file()
    assert (both / "mgmt" / "main.bicepparam").read_text().startswith("using 'main.bicep'")
    assert run("render", "--example", "-o", str(arm), "--format", "arm").exit_code == 0
    assert not list(arm.rglob("*.bicep"))
    assert run("render", "--example", "-o", str(bicep), "--format", "bicep", "--env", "dev").exit_code == 0
    bicep = bicep / "dev"
    assert not list(bicep.rglob("main.json")) and (bicep / "mgmt" / "main.bicep").is_file()
    plan = json.loads((bicep / "plan.json").read_text())
    assert plan["units"][0]["template"] is None and "mgmt/main.bicep" in plan["units"][0]["files"]
    # The Bicep of `both` is the translation of the very main.json beside it.
    assert (both / "mgmt" / "main.bicep").read_bytes() == (bicep / "mgmt" / "main.bicep").read_bytes()


def test_check_covers_bicep_files(example_render_copy):
    out = example_render_copy  # render --example -o out
    bicep = out / "dev" / "billing" / "main.bicep"
    bicep.write_text(bicep.read_text() + "\n// edited by hand\n")
    check = run("render", "--example", "-o", str(out), "--check")
    assert check.exit_code == 1 and "billing/main.bicep: out of date" in check.output


def test_pool_allocations_are_recorded_beside_the_manifest(tmp_path):
    manifest = tmp_path / "estate.yaml"
    text = (Path(__file__).resolve().parents[2] / "scenarios" / "relecloud.yaml").read_text()
    text = text.replace("version: 1\n", "version: 1\naddressing:\n  pool: 10.64.0.0/12\n")
    text = text.replace("    network:\n      addressSpace: 10.2.0.0/16\n", "")
    manifest.write_text(text)
    out = tmp_path / "out"
    first = run("render", str(manifest), "-o", str(out), "--format", "arm")
    assert first.exit_code == 0 and "allocated 10.64.0.0/16 to landing zone 'billing'" in first.output
    record = tmp_path / "estate.dev.addresses.yaml"  # one record per environment: their pools are independent
    assert "  billing: 10.64.0.0/16\n" in record.read_text()
    assert run("render", str(manifest), "-o", str(out), "--check", "--format", "arm").exit_code == 0
    record.unlink()
    check = run("render", str(manifest), "-o", str(out), "--check", "--format", "arm")
    assert check.exit_code == 1 and "estate.dev.addresses.yaml: out of date" in check.output
    assert not record.exists(), "--check writes nothing"


def test_an_unwritable_output_names_the_file_and_exits_2(tmp_path):
    out = tmp_path / "out"
    (out / "dev").mkdir(parents=True)
    (out / "dev" / "mgmt").write_text("a file where the unit's folder should be")
    refused = run("render", "--example", "-o", str(out), "--format", "arm", "--env", "dev")
    assert refused.exit_code == 2 and "holds files that relecloud did not write: mgmt" in refused.output
    result = run("render", "--example", "-o", str(out), "--format", "arm", "--env", "dev", "--force")
    assert result.exit_code == 2
    assert f"cannot write {out / 'dev' / 'mgmt'}" in result.output
    assert not (out / "dev" / "plan.json").exists(), "nothing is published when a file cannot be written"


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every file of a render by its POSIX path, plan.json's manifest path (relative to where the render went)
    left out: it names the folder the test rendered into, not what was rendered."""
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "plan.json":
            data = re.sub(rb'\n  "manifest": "[^"\n]*",\n', b'\n  "manifest": "(where the render went)",\n', data,
                          count=1)
        files[path.relative_to(out).as_posix()] = data
    return files


def test_the_bundled_render_is_its_golden_snapshot(estate, update_golden):
    """tests/golden/example/ is what `render --example` writes: a change to a template, a spec or the planner
    shows there as a reviewable diff (``make golden`` rewrites it; review with git diff, then commit it)."""
    rendered = _snapshot(estate.parent)
    if update_golden:
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        for name, data in rendered.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = _snapshot(GOLDEN) if GOLDEN.is_dir() else {}
    assert sorted(rendered) == sorted(golden), "files were added or removed: run make golden and review git diff"
    changed = [name for name in rendered if rendered[name] != golden[name]]
    assert changed == [], "the render changed: run make golden and review git diff tests/golden"
