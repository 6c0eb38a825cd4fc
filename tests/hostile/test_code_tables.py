"""Issue 17 step 3: the manifest (M) and deploy (D) codes are documented in tables, like the lint rules; the
tables and the registries the code reports from are the same, code for code and name for name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relecloud_templates.deploy.problems import CHECKS as DEPLOY_CHECKS
from relecloud_templates.manifest.problems import CHECKS as MANIFEST_CHECKS

DOCS = Path(__file__).resolve().parents[2] / "docs"
PACKAGE = Path(__file__).resolve().parents[2] / "relecloud_templates"


def documented(page: str, prefix: str) -> dict[str, str]:
    rows = re.findall(rf"^\| ({prefix}\d{{3}}) \| ([a-z0-9-]+) \|", (DOCS / page).read_text(encoding="utf-8"), re.M)
    assert len(rows) == len({code for code, _ in rows}), f"{page}: a code documented twice"
    return dict(rows)


@pytest.mark.parametrize("page, prefix, registry", [
    ("manifest.md", "M", MANIFEST_CHECKS),
    ("deploy.md", "D", DEPLOY_CHECKS),
])
def test_the_documented_table_is_the_registry(page, prefix, registry):
    assert documented(page, prefix) == {code: name for name, (code, _) in registry.items()}
    assert len({code for code, _ in registry.values()}) == len(registry), "two names share a code"


def test_no_code_is_reported_that_the_registries_do_not_know():
    """Codes come from the registries: a literal M or D code elsewhere in the package would bypass them."""
    literal = re.compile(r"[\"'](?:M|D)\d{3}[\"']")
    found = [f"{path.relative_to(PACKAGE)}: {match}" for path in PACKAGE.rglob("*.py")
             if path.name != "problems.py" for match in literal.findall(path.read_text(encoding="utf-8"))]
    assert found == []
