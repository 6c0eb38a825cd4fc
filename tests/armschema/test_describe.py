"""``relecloud describe``: the shape of a resource type, its API versions and scopes, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from relecloud_templates.cli import cli


def describe(*args: str):
    return CliRunner().invoke(cli, ["describe", *args])


def test_a_type_at_a_version_shows_its_writable_shape_versions_and_scopes():
    result = describe("microsoft.storage/STORAGEACCOUNTS@2023-05-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Microsoft.Storage/storageAccounts@2023-05-01\n")
    assert "deployable at: resource group" in out
    assert "2015-05-01-preview, 2015-06-15," in out and "2026-04-01" in out  # every published version
    assert "type data:     Azure/bicep-types-az 1f896de2d of 2026-08-20" in out
    lines = out.splitlines()
    row = next(line for line in lines if line.strip().startswith("name *"))
    assert "string, 3-24 characters, pattern ^[a-z0-9]+$" in row  # required, with its constraints
    row = next(line for line in lines if line.strip().startswith("defaultAction *"))
    assert row.endswith("'Allow' | 'Deny' (only these)")  # a closed enum
    row = next(line for line in lines if line.strip().startswith("kind *"))
    assert row.endswith("(other strings accepted)")  # an open one
    assert any(line.strip().startswith("minimumTlsVersion ") for line in lines)
    assert any("(read-only: tier)" in line for line in lines)  # sku.tier is named apart, not as writable
    assert not any(line.strip().startswith("provisioningState") for line in lines)


def test_without_a_version_the_newest_stable_one_is_described():
    result = describe("Microsoft.KeyVault/vaults")
    assert result.exit_code == 0
    assert result.stdout.startswith("Microsoft.KeyVault/vaults@2026-02-01\n")


def test_older_versions_show_their_own_shape():
    old = describe("Microsoft.Storage/storageAccounts@2016-01-01").stdout
    assert "minimumTlsVersion" not in old and "encryption" in old


def test_scopes_and_readable_only_types():
    group = describe("Microsoft.Resources/resourceGroups@2025-04-01").stdout
    assert "deployable at: subscription\n" in group
    deleted = describe("Microsoft.Storage/locations/deletedAccounts@2023-05-01").stdout
    assert 'deployable at: nowhere (Azure only reads it: declare it "existing")' in deleted
    assert "readable at:   subscription" in deleted


def test_discriminated_objects_list_their_kinds():
    out = describe("Microsoft.DataFactory/factories/linkedservices@2018-06-01").stdout
    assert "type is one of: 'AmazonMWS'," in out
    small = describe("Microsoft.Web/sites/config@2025-03-01").stdout
    assert "name is one of:" in small or "when name = 'web':" in small


def test_json_gives_the_whole_tree_for_tools():
    result = describe("Microsoft.KeyVault/vaults@2023-07-01", "--json", "--depth", "1")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["type"] == "Microsoft.KeyVault/vaults" and data["apiVersion"] == "2023-07-01"
    assert data["deployableAt"] == ["resourceGroup"] and "2023-07-01" in data["apiVersions"]
    properties = data["body"]["properties"]["properties"]["properties"]
    assert properties["tenantId"]["required"] is True
    assert properties["sku"]["notOpened"] == "depth"
    assert properties["hsmPoolResourceId"]["readOnly"] is True


def test_unknown_types_and_versions_exit_2_with_the_nearest():
    typo = describe("Microsoft.Storage/storageAccount")
    assert typo.exit_code == 2
    assert "unknown resource type 'Microsoft.Storage/storageAccount'" in typo.stderr
    assert "did you mean 'Microsoft.Storage/storageAccounts'?" in typo.stderr
    version = describe("Microsoft.Storage/storageAccounts@2023-02-01")
    assert version.exit_code == 2
    assert "the nearest published versions are '2023-01-01' and '2023-04-01'" in version.stderr
    namespace = describe("Microsoft.Storag")
    assert namespace.exit_code == 2 and "did you mean 'Microsoft.Storage'?" in namespace.stderr
    assert "Traceback" not in typo.output + version.output + namespace.output


def test_a_namespace_lists_its_types_and_a_last_segment_finds_them():
    listing = describe("microsoft.keyvault")
    assert listing.exit_code == 0
    assert listing.stdout.startswith("Microsoft.KeyVault: 13 resource types")
    assert "  Microsoft.KeyVault/vaults  2026-02-01" in listing.stdout
    found = describe("storageAccounts")
    assert found.exit_code == 0 and "  Microsoft.Storage/storageAccounts\n" in found.stdout


def test_help_explains_the_argument_and_the_exit_codes():
    result = CliRunner().invoke(cli, ["describe", "--help"])
    assert result.exit_code == 0
    for text in ("TYPE[@VERSION]", "--depth", "--json", "Exit codes", "newest stable API version"):
        assert text in result.stdout
    assert "describe" in CliRunner().invoke(cli, ["--help"]).stdout


def test_describe_imports_no_azure_sdk():
    code = ("import sys\nfrom relecloud_templates.cli import main\n"
            "sys.argv = ['relecloud', 'describe', 'Microsoft.Storage/storageAccounts']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m == 'azure' or m.startswith('azure.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
