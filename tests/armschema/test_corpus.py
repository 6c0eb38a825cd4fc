"""The reference corpus (Microsoft's compiled templates): no crash, and every schema finding a true defect.

Each expected finding was checked by hand against the provider's API definition; see the list below.
"""

from __future__ import annotations

from pathlib import Path

from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.runner import lint
from tests.armschema.conftest import SCHEMA_RULES

# StreamAnalytics 2020-03-01 declares requestMessage of a managed private endpoint's connection read-only: the
# template's message is dropped, never shown to the owner of the storage account / SQL server / Event Hubs
# namespace who must approve the connection.
EXPECTED = sorted(
    ("data-product-streaming/infra/main.json", line, "W3008",
     "unknown property 'requestMessage' in properties.manualPrivateLinkServiceConnections[0].properties of "
     "Microsoft.StreamAnalytics/clusters/privateEndpoints@2020-03-01")
    for line in (1747, 1770, 1793)
)


def test_the_schema_rules_find_only_true_defects_in_the_reference_corpus(corpus_dir):
    result = lint([corpus_dir], LintConfig(root=corpus_dir))
    assert not result.unreadable
    assert [d.format() for d in result.diagnostics if d.code == "E0011"] == []
    found = sorted(
        (Path(d.location.path).relative_to(corpus_dir).as_posix(), d.location.line, d.code, d.message)
        for d in result.diagnostics if d.code in SCHEMA_RULES
    )
    assert found == EXPECTED
