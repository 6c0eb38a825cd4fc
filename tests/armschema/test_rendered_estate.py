"""Everything relecloud renders from the bundled scenario passes the schema rules with zero findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from relecloud_templates.arm import jsonpos, typeschemas
from relecloud_templates.arm.template import build_template
from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.runner import lint
from tests.armschema.conftest import SCHEMA_RULES


@pytest.fixture(scope="module")
def rendered(example_render) -> Path:
    return example_render  # render --example, once per test process (tests/conftest.py)


def test_the_rendered_estate_has_no_schema_findings(rendered):
    result = lint([rendered], LintConfig(root=rendered))
    assert not result.unreadable
    assert [d.format() for d in result.diagnostics if d.code in SCHEMA_RULES | {"E0011"}] == []


def test_every_rendered_resource_is_checked_against_the_type_data_of_its_api_version(rendered):
    """The renderer picks API versions that the type data knows, so its output is checked in full."""
    templates = sorted(rendered.rglob("main.json"))
    assert templates
    checked = 0
    for path in templates:
        for resource in build_template(jsonpos.loads(path.read_text(encoding="utf-8"))).all_resources():
            entry = typeschemas.lookup(resource.type or "")
            assert entry is not None, resource.type
            where = f"{resource.type}@{resource.api_version} in {path}"
            assert entry.version(str(resource.api_version)) is not None, where
            checked += 1
    assert checked > 100
