"""The bundled type data: complete, reproducible from the official schemas, and loaded lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relecloud_templates.arm import typeschemas

SHARED_SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "arm"


@pytest.fixture
def arm_schemas() -> Path:
    if not (SHARED_SCHEMAS / "api-versions.json").is_file():
        pytest.skip("../shared/schemas/arm is not present")
    return SHARED_SCHEMAS


def test_the_index_knows_every_type_of_the_official_schemas(arm_schemas):
    official = json.loads((arm_schemas / "api-versions.json").read_text())["types"]
    assert len(official) == 2423
    for lower, entry in official.items():
        found = typeschemas.lookup(entry["type"].upper())
        assert found is not None, lower
        assert found.api_versions == tuple(entry["apiVersions"])
        assert found.scopes == tuple(entry["scopes"])


def test_every_provider_resource_definition_has_a_property_schema(arm_schemas):
    missing = []
    for path in sorted((arm_schemas / "providers").glob("*/*.json")):
        document = json.loads(path.read_text())
        for section, definitions in document.items():
            if not section.endswith("resourceDefinitions"):
                continue
            for definition in definitions.values():
                type_name = definition["properties"]["type"]["enum"][0]
                version = definition["properties"]["apiVersion"]["enum"][0]
                if typeschemas.schema_for(type_name, version) is None:
                    missing.append(f"{type_name}@{version}")
    assert missing == []


def test_the_generator_reproduces_the_shipped_data_exactly(arm_schemas, tmp_path, project_root):
    out = tmp_path / "armschema"
    done = subprocess.run([sys.executable, str(project_root / "tools" / "derive_arm_schemas.py"),
                           "--source", str(arm_schemas), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    shipped = typeschemas.DATA_DIR
    produced = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.json")}
    bundled = {p.relative_to(shipped).as_posix(): p.read_bytes() for p in shipped.rglob("*.json")}
    assert sorted(produced) == sorted(bundled)
    stale = [name for name in produced if produced[name] != bundled[name]]
    assert stale == [], "the shipped data is stale: run tools/derive_arm_schemas.py"


def test_the_generator_reports_an_unreadable_source(tmp_path, project_root):
    done = subprocess.run([sys.executable, str(project_root / "tools" / "derive_arm_schemas.py"),
                           "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot read" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_lookups_are_case_insensitive_and_load_one_namespace():
    typeschemas._namespace_index.cache_clear()
    entry = typeschemas.lookup("microsoft.storage/STORAGEACCOUNTS")
    assert entry.name == "Microsoft.Storage/storageAccounts"
    assert entry.canonical_version("2026-04-01") == "2026-04-01"
    assert entry.schema_versions == ("2026-04-01",)
    assert typeschemas._namespace_index.cache_info().currsize == 1
    assert typeschemas.lookup("Microsoft.Storage/noSuchThing") is None
    assert typeschemas.lookup("No.Such/namespace") is None
    assert typeschemas._namespace_index.cache_info().currsize == 1


def test_the_newest_version_prefers_stable_releases():
    entry = typeschemas.ResourceType("A.B/c", ("2024-01-01", "2025-01-01-preview", "2024-06-01"), (), ())
    assert entry.newest == "2024-06-01"
    only_previews = typeschemas.ResourceType("A.B/c", ("2024-01-01-preview", "2023-01-01-preview"), (), ())
    assert only_previews.newest == "2024-01-01-preview"


def test_document_kinds_follow_the_schema_file_name():
    kind = typeschemas.document_kind
    assert kind("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#") == "deploymentTemplate"
    assert kind("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#") == (
        "subscriptionDeploymentTemplate")
    assert kind("https://schema.management.azure.com/schemas/2015-01-01/deploymentParameters.json#") == (
        "deploymentParameters")
    assert kind("https://example.com/other.json") is None
    assert kind(42) is None
