"""Every reference template: the Bicep parses with pycep-parser and round-trips to the same resources,
parameters and outputs; output is deterministic; relecloud's own syntax check accepts it."""

from __future__ import annotations

import json

import pytest

from relecloud_templates.bicep import check_bicep_syntax, emit_unit
from tests.bicep.roundtrip import compare, parse_bicep
from tests.conftest import CORPUS


def _templates() -> list:
    if not CORPUS.is_dir():
        return []
    found = []
    for path in sorted(CORPUS.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if "deploymenttemplate" in str(document.get("$schema", "")).lower():
            found.append(pytest.param(path, id=str(path.relative_to(CORPUS))))
    return found


TEMPLATES = _templates()


@pytest.mark.needs_shared("corpus", "reference")
@pytest.mark.parametrize("path", TEMPLATES)
def test_reference_template_round_trips(path):
    template = json.loads(path.read_text(encoding="utf-8"))
    output = emit_unit(template)
    for name, text in output.files.items():
        parse_bicep(text)  # raises on a syntax pycep-parser (and so checkov) cannot read
        assert check_bicep_syntax(name, text) == []
    report = compare(template, output.files)
    assert report.mismatches == []
    assert report.counts["resources"] + report.counts["modules"] == _count_resources(template)


@pytest.mark.needs_shared("corpus", "reference")
@pytest.mark.parametrize("path", TEMPLATES[:3] + TEMPLATES[-3:])
def test_translation_is_deterministic(path):
    template = json.loads(path.read_text(encoding="utf-8"))
    first = emit_unit(template)
    again = emit_unit(json.loads(path.read_text(encoding="utf-8")))
    assert first.files == again.files


def _count_resources(template: dict) -> int:
    total = 0
    for resource in template.get("resources") or []:
        total += 1
        props = resource.get("properties") if isinstance(resource.get("properties"), dict) else {}
        if isinstance(props.get("template"), dict) and \
                (props.get("expressionEvaluationOptions") or {}).get("scope") == "inner":
            total += _count_resources(props["template"])
    return total
