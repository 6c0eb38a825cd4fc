"""The bundled type data: derived reproducibly from the Bicep type archive, complete, and loaded lazily."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from relecloud_templates.arm import typeschemas

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "schemas"
ARCHIVE = SHARED / "bicep-types-az" / "types.tar.gz"
# A sample that exercises every path of the derivation: spec folders split over several groups (insights),
# type@versions published twice (solutions), discriminated objects (storage), corrections are not among them.
SAMPLE_NAMESPACES = ("microsoft.storage", "microsoft.keyvault", "microsoft.insights", "microsoft.solutions")


@pytest.fixture
def types_archive() -> Path:
    return ARCHIVE


@pytest.fixture
def arm_schemas() -> Path:
    return SHARED / "arm"


def derive(project_root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project_root / "tools" / "derive_resource_types.py"), *args],
                          capture_output=True, text=True, timeout=600)


def test_the_shipped_data_was_derived_from_exactly_this_archive(types_archive):
    digest = hashlib.sha256(types_archive.read_bytes()).hexdigest()
    assert typeschemas.source()["archiveSha256"] == digest, \
        "the archive changed: run tools/derive_resource_types.py and review the diff"
    assert typeschemas.source()["commit"] == "1f896de2d"
    assert typeschemas.data_date() == "2026-08-20"


def test_the_derivation_reproduces_the_shipped_namespaces(types_archive, project_root):
    """A sample of namespaces (the whole archive takes a minute: RELECLOUD_FULL_TYPE_DATA_CHECK=1 checks it all)."""
    args = ["--archive", str(types_archive), "--out", str(typeschemas.DATA_DIR), "--check"]
    if not os.environ.get("RELECLOUD_FULL_TYPE_DATA_CHECK"):
        for namespace in SAMPLE_NAMESPACES:
            args += ["--namespace", namespace]
    done = derive(project_root, *args)
    assert done.returncode == 0, done.stderr + "\nthe shipped data is stale: run tools/derive_resource_types.py"


def _types_json(api_version: str, extra_property: bool = False) -> list:
    """A small types.json in bicep-types' format: a string, an enum, a discriminated object, a resource."""
    props = {"name": {"type": {"$ref": "#/0"}, "flags": 9},
             "properties": {"type": {"$ref": "#/3"}, "flags": 1},
             "type": {"type": {"$ref": "#/7"}, "flags": 10}, "apiVersion": {"type": {"$ref": "#/8"}, "flags": 10}}
    inner = {"mode": {"type": {"$ref": "#/2"}, "flags": 0}, "secret": {"type": {"$ref": "#/6"}, "flags": 4}}
    if extra_property:
        inner["added"] = {"type": {"$ref": "#/0"}, "flags": 0}
    return [
        {"$type": "StringType", "minLength": 3},
        {"$type": "StringLiteralType", "value": "Fast"},
        {"$type": "UnionType", "elements": [{"$ref": "#/1"}, {"$ref": "#/5"}]},
        {"$type": "ObjectType", "name": "Props", "properties": inner},
        {"$type": "ObjectType", "name": "Body", "properties": props},
        {"$type": "StringLiteralType", "value": "Slow"},
        {"$type": "StringType", "sensitive": True},
        {"$type": "StringLiteralType", "value": "Microsoft.Test/widgets"},
        {"$type": "StringLiteralType", "value": api_version},
        {"$type": "ResourceType", "name": f"Microsoft.Test/widgets@{api_version}", "body": {"$ref": "#/4"},
         "readableScopes": 8, "writableScopes": 8},
    ]


def _archive(tmp_path: Path, files: dict[str, list]) -> Path:
    path = tmp_path / "types.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, content in files.items():
            data = json.dumps(content).encode()
            info = tarfile.TarInfo(f"generated/{name}/types.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (tmp_path / "README.md").write_text("types at commit 0123abc (2030-01-02)\n", encoding="utf-8")
    return path


def test_the_derivation_deduplicates_bodies_and_merges_duplicate_publications(tmp_path, project_root):
    twice = _types_json("2024-06-01")
    twice[-1]["writableScopes"] = 4 | 8  # a second spec folder publishes the same version at another scope
    archive = _archive(tmp_path, {"test_0/microsoft.test/2024-01-01": _types_json("2024-01-01"),
                                  "test_0/microsoft.test/2024-06-01": _types_json("2024-06-01"),
                                  "test_1/microsoft.test/2024-06-01": twice,
                                  "test_1/microsoft.test/2025-01-01": _types_json("2025-01-01", True)})
    out = tmp_path / "out"
    done = derive(project_root, "--archive", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    source = json.loads((out / "source.json").read_text())
    assert (source["commit"], source["date"]) == ("0123abc", "2030-01-02")
    assert (source["types"], source["typeVersions"]) == (1, 3)
    assert source["archiveSha256"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    pack = typeschemas.NamespacePack((out / "ns" / "microsoft.test.txt").read_text())
    entry = pack.lookup("microsoft.test/widgets")
    assert entry.api_versions == ("2024-01-01", "2024-06-01", "2025-01-01")
    first, second, third = entry.versions
    assert first.body == second.body != third.body  # the same shape is stored once
    assert (second.writable_scopes, first.writable_scopes) == (("subscription", "resourceGroup"), ("resourceGroup",))
    body = entry.node(first.body)
    assert sorted(body["p"]) == ["name", "properties"]  # the engine's type and apiVersion are not body
    props = entry.node(body["p"]["properties"][0])
    assert entry.node(props["p"]["mode"][0]) == {"k": "u", "v": ["Fast", "Slow"]}
    assert entry.node(props["p"]["secret"][0]) == {"k": "s", "sec": 1} and props["p"]["secret"][1] == 4
    # A second run changes nothing, and --check finds an edited file.
    assert derive(project_root, "--archive", str(archive), "--out", str(out), "--check").returncode == 0
    (out / "ns" / "microsoft.test.txt").write_text("edited\n", encoding="utf-8")
    assert derive(project_root, "--archive", str(archive), "--out", str(out), "--check").returncode == 1


def test_the_derivation_reports_an_unreadable_archive(tmp_path, project_root):
    bad = tmp_path / "types.tar.gz"
    bad.write_bytes(b"not a tar file")
    for source in (tmp_path / "nowhere.tar.gz", bad):
        done = derive(project_root, "--archive", str(source), "--out", str(tmp_path / "out"))
        assert done.returncode == 2
        assert "derive_resource_types:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_every_type_and_version_of_the_data_has_a_body():
    source = typeschemas.source()
    listed = typeschemas.namespaces()
    assert len(listed) == source["namespaces"]
    types = versions = 0
    for namespace in listed:
        pack = typeschemas.pack(namespace)
        assert pack is not None
        for name in pack.type_names():
            entry = typeschemas.lookup(name)
            assert entry is not None and entry.versions, name
            types += 1
            for version in entry.versions:
                versions += 1
                assert entry.node(version.body)["k"] in ("o", "d"), f"{name}@{version.api_version}"
    assert (types, versions) == (source["types"], source["typeVersions"]) == (3405, 34509)


def test_the_data_knows_what_the_old_arm_schemas_lacked():
    for type_name, version in [("Microsoft.Web/sites", "2025-03-01"), ("Microsoft.Logic/workflows", "2019-05-01"),
                               ("Microsoft.KubernetesConfiguration/extensions", "2023-05-01"),
                               ("Microsoft.GuestConfiguration/guestConfigurationAssignments", "2022-01-25"),
                               ("Microsoft.SecurityInsights/alertRules", "2023-02-01"),
                               ("Microsoft.Authorization/roleAssignments", "2020-04-01-preview")]:
        entry = typeschemas.lookup(type_name)
        assert entry is not None and entry.has_version(version), f"{type_name}@{version}"


def test_scopes_come_from_the_data():
    group = typeschemas.lookup("Microsoft.Resources/resourceGroups").version("2025-04-01")
    assert group.writable_scopes == ("subscription",)
    deleted = typeschemas.lookup("Microsoft.Storage/locations/deletedAccounts").version("2023-05-01")
    assert (deleted.readable_scopes, deleted.writable_scopes) == (("subscription",), ())
    roles = typeschemas.lookup("Microsoft.Authorization/roleAssignments").version("2022-04-01")
    assert roles.writable_scopes == ("tenant", "managementGroup", "subscription", "resourceGroup", "extension")


def test_lookups_are_case_insensitive_and_parse_only_what_is_asked():
    typeschemas.pack.cache_clear()
    entry = typeschemas.lookup("microsoft.storage/STORAGEACCOUNTS")
    assert entry.name == "Microsoft.Storage/storageAccounts"
    assert entry.canonical_version("2023-05-01") == "2023-05-01"
    assert typeschemas.pack.cache_info().currsize == 1
    pack = typeschemas.pack("microsoft.storage")
    assert list(pack._types) == ["microsoft.storage/storageaccounts"]  # one type entry parsed
    assert pack._nodes == {}  # no node yet
    entry.node(entry.version("2023-05-01").body)
    assert len(pack._nodes) == 1
    assert typeschemas.lookup("Microsoft.Storage/noSuchThing") is None
    assert typeschemas.lookup("No.Such/namespace") is None
    assert typeschemas.pack.cache_info().currsize == 2  # the unknown namespace is remembered as None


def test_identical_bodies_are_stored_once():
    storage = typeschemas.lookup("Microsoft.Storage/storageAccounts")
    bodies = {v.api_version: v.body for v in storage.versions}
    assert bodies["2022-05-01"] == bodies["2022-09-01"]  # the two versions publish the same shape
    assert len(set(bodies.values())) < len(bodies)
    size = sum(p.stat().st_size for p in (typeschemas.DATA_DIR / "ns").iterdir())
    assert size < 12_000_000, size  # 351 MB of source


def test_versions_sort_by_date_with_previews_first_and_the_newest_prefers_stable_releases():
    entry = typeschemas.ResourceType("A.B/c", tuple(typeschemas.TypeVersion(v, 0, 8, 8) for v in (
        "2024-01-01", "2025-01-01-preview", "2024-06-01")))
    assert entry.newest == "2024-06-01"
    assert entry.nearest("2024-03-01") == ["2024-01-01", "2024-06-01"]
    assert entry.nearest("2026-01-01") == ["2025-01-01-preview"]
    only_previews = typeschemas.ResourceType("A.B/c", (typeschemas.TypeVersion("2024-01-01-preview", 0, 8, 8),))
    assert only_previews.newest == "2024-01-01-preview"
    assert sorted(["2024-01-01", "2024-01-01-preview"], key=typeschemas.version_sort_key) == [
        "2024-01-01-preview", "2024-01-01"]


def test_the_document_generator_reproduces_the_shipped_documents(arm_schemas, tmp_path, project_root):
    out = tmp_path / "armschema"
    done = subprocess.run([sys.executable, str(project_root / "tools" / "derive_arm_schemas.py"),
                           "--source", str(arm_schemas), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    shipped = typeschemas.DOCUMENTS_DIR
    produced = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.json")}
    bundled = {p.relative_to(shipped).as_posix(): p.read_bytes() for p in shipped.rglob("*.json")}
    assert sorted(produced) == sorted(bundled)
    assert [name for name in produced if produced[name] != bundled[name]] == [], \
        "the shipped documents are stale: run tools/derive_arm_schemas.py"


def test_the_document_generator_reports_an_unreadable_source(tmp_path, project_root):
    done = subprocess.run([sys.executable, str(project_root / "tools" / "derive_arm_schemas.py"),
                           "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot read" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_document_kinds_follow_the_schema_file_name():
    kind = typeschemas.document_kind
    assert kind("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#") == (
        "deploymentTemplate")
    assert kind("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#") == (
        "subscriptionDeploymentTemplate")
    assert kind("https://schema.management.azure.com/schemas/2015-01-01/deploymentParameters.json#") == (
        "deploymentParameters")
    assert kind("https://example.com/other.json") is None
    assert kind(42) is None
    assert json.loads((typeschemas.DOCUMENTS_DIR / "source.json").read_text())["formatVersion"] == 1
