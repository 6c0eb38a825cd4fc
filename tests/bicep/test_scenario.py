"""Every unit of the bundled Relecloud scenario round-trips from its rendered ARM to Bicep."""

from __future__ import annotations

import json

import pytest

from relecloud_templates.bicep import emit_unit
from tests.bicep.roundtrip import compare, parse_bicep


@pytest.fixture(scope="module")
def rendered_units(request):
    from relecloud_templates.manifest import load_manifest
    from relecloud_templates.plan import build_plan
    from relecloud_templates.render import render_files

    manifest_path = request.config.rootpath / "scenarios" / "relecloud.yaml"
    manifest = load_manifest(manifest_path)
    rendered = render_files(manifest, build_plan(manifest), "scenarios/relecloud.yaml", "arm")
    units = {}
    for path, data in sorted(rendered.files.items()):
        if path.endswith("/main.json"):
            params = json.loads(rendered.files[path[: -len("main.json")] + "main.parameters.json"])
            units[path.split("/")[0]] = (json.loads(data), params)
    return units


def test_every_unit_round_trips(rendered_units):
    assert rendered_units
    for unit, (template, parameters) in rendered_units.items():
        output = emit_unit(template, parameters)
        assert "main.bicepparam" in output.files, unit
        for text in output.files.values():
            if text.startswith("using "):
                continue
            parse_bicep(text)
        report = compare(template, output.files)
        assert report.mismatches == [], unit
        # relecloud's own templates translate faithfully: no place needs a `// relecloud:` warning.
        assert output.notes == [], unit
