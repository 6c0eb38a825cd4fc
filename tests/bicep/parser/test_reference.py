"""The 104 Bicep sources of the five Microsoft reference repositories parse without a single error."""

from __future__ import annotations

import pytest

from relecloud_templates.bicep.parser import parse
from tests.conftest import CORPUS

SOURCES = sorted(CORPUS.rglob("*.bicep")) if CORPUS.is_dir() else []


@pytest.mark.needs_shared("corpus", "reference")
def test_all_reference_sources_parse_without_errors():
    assert len(SOURCES) == 104
    problems = []
    for path in SOURCES:
        result = parse(path.read_text(encoding="utf-8-sig"))
        problems += [f"{path.relative_to(CORPUS)}:{':'.join(map(str, result.lines.position(d.start)))}: "
                     f"{d.code} {d.message}" for d in result.diagnostics]
    assert problems == []
