"""Every API version render uses exists in the ARM schemas, is the newest non-preview one, and has a shipped
property schema where the provider schema of the estate's namespaces defines the type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relecloud_templates.render.api_versions import API_VERSIONS

SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "arm"
NO_SHIPPED_SCHEMA = {"microsoft.resources/resourcegroups", "microsoft.resources/deployments",
                     "microsoft.authorization/roleassignments", "microsoft.insights/diagnosticsettings"}


@pytest.fixture(scope="module")
def known() -> dict:
    if not (SCHEMAS / "api-versions.json").is_file():
        pytest.skip("../shared/schemas/arm is not present")
    return json.loads((SCHEMAS / "api-versions.json").read_text())["types"]


@pytest.fixture(scope="module")
def shipped() -> set[tuple[str, str]]:
    found = set()
    for path in (SCHEMAS / "providers").glob("*/*.json"):
        doc = json.loads(path.read_text())
        for section, definitions in doc.items():
            if section.endswith("resourceDefinitions"):
                for definition in definitions.values():
                    for rtype in definition.get("properties", {}).get("type", {}).get("enum", []):
                        found.add((rtype.lower(), path.parent.name))
    return found


@pytest.mark.parametrize("rtype", sorted(API_VERSIONS))
def test_api_version_is_known_newest_and_validatable(rtype, known, shipped):
    entry = known[rtype.lower()]
    version = API_VERSIONS[rtype]
    assert version in entry["apiVersions"]
    stable = [v for v in entry["apiVersions"] if "preview" not in v]
    assert version == (stable[-1] if "preview" not in version else entry["apiVersions"][-1])
    if rtype.lower() not in NO_SHIPPED_SCHEMA:
        assert (rtype.lower(), version) in shipped
