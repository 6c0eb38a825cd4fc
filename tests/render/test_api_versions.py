"""Every API version render uses exists in the type data (the Bicep compiler's, shipped in the package) and is the
type's newest non-preview version, unless a spec needs a preview's shape (listed here with the reason)."""

from __future__ import annotations

import pytest

from relecloud_templates.arm import typeschemas
from relecloud_templates.render.api_versions import API_VERSIONS

# type -> why its newest version (a preview) is rendered rather than its newest stable one
PREVIEWS_BY_NEED = {
    "Microsoft.Insights/diagnosticSettings": "categoryGroup (allLogs): the newest stable version (2016-09-01) "
                                             "predates category groups",
    "Microsoft.Purview/accounts": "ingestionStorage: accounts created since December 2023 have an ingestion storage "
                                  "account instead of managed resources, and only the previews describe it",
}


@pytest.mark.parametrize("rtype", sorted(API_VERSIONS))
def test_api_version_is_known_and_the_newest_non_preview_one(rtype):
    entry = typeschemas.lookup(rtype)
    assert entry is not None, f"{rtype} is not in the type data"
    version = API_VERSIONS[rtype]
    assert entry.has_version(version), f"{rtype}@{version} is not in the type data"
    if rtype in PREVIEWS_BY_NEED:
        assert typeschemas.is_preview(version)
        assert version == sorted(entry.api_versions, key=typeschemas.version_sort_key)[-1]
    else:
        assert version == entry.newest, f"{rtype}: {entry.newest} is newer than {version}"


def test_the_preview_exceptions_are_still_needed():
    """A preview is rendered only while the type has no stable version with the shape it needs."""
    for rtype in PREVIEWS_BY_NEED:
        assert typeschemas.is_preview(API_VERSIONS[rtype])
        stable = [v for v in typeschemas.lookup(rtype).api_versions if not typeschemas.is_preview(v)]
        assert all(v < API_VERSIONS[rtype][:10] for v in stable)
