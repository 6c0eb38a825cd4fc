"""Helpers for the schema rule tests: lint a small template and keep what the schema rules found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relecloud_templates.lint.config import LintConfig
from relecloud_templates.lint.runner import lint

SCHEMA_RULES = {"E0007", "E3001", "W3002", "W3008", "I3009", "W3020", "W3021", "E3022", "W3023", "W3024",
                "W3025", "W3026", "E5020", "W5021"}
TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def template_text(*resources: dict, **sections) -> str:
    """A resource-group template holding ``resources``, pretty-printed so that positions are predictable."""
    document = {"$schema": TEMPLATE_SCHEMA, "contentVersion": "1.0.0.0", **sections, "resources": list(resources)}
    return json.dumps(document, indent=2) + "\n"


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the ``occurrence``-th ``needle`` in ``text``, 1-based."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.fixture
def schema_findings(tmp_path: Path):
    """Lint ``text`` as main.json and return the schema rules' diagnostics."""

    def run(text: str, name: str = "main.json") -> list:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = lint([path], LintConfig(root=tmp_path))
        assert not result.unreadable
        crashes = [d for d in result.diagnostics if d.code == "E0011"]
        assert not crashes, crashes
        return [d for d in result.diagnostics if d.code in SCHEMA_RULES]

    return run
