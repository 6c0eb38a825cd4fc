"""Issue 14 item 11: control characters from manifests, templates, plan files, file names and ARM never reach
the terminal raw (console.printable is the one place); item 9, render's side: file names that are not UTF-8."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from hostile.clirun import relecloud
from relecloud_templates.console import Progress, printable
from relecloud_templates.deploy.live import LiveUnits

MINIMAL = Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COLOUR = re.compile("\x1b\\[[0-9;]*m")
HOSTILE = "t\x1b]0;owned\x07\x1b[2J\rFAKE\u202e"


def raw_controls(text: str, colour: bool = False) -> list[str]:
    return RAW_CONTROL.findall(COLOUR.sub("", text) if colour else text)


def test_printable_escapes_what_controls_the_terminal_and_keeps_lines():
    assert printable("a\x1b[2Jb\x07c\rd\x9be\u202ef\udcff") == \
        "a\\u001b[2Jb\\u0007c\\u000dd\\u009be\\u202ef\\udcff"
    assert printable("line one\n\tline two") == "line one\n\tline two"
    styled = "\x1b[31m\x1b[1merror\x1b[0m x"
    assert printable(styled, keep_colour=True) == styled
    assert printable(styled) == "\\u001b[31m\\u001b[1merror\\u001b[0m x"
    assert printable("\x1b[8mhidden\x1b[41mred\x1b[0m", keep_colour=True) == \
        "\\u001b[8mhidden\\u001b[41mred\x1b[0m"  # conceal and backgrounds could hide text: escaped


def test_escapes_stay_valid_json():
    document = json.dumps({"path": "a\x7fb\u202ec\udcff"}, ensure_ascii=False)
    assert json.loads(printable(document)) == {"path": "a\x7fb\u202ec\udcff"}


@pytest.fixture
def hostile_template(tmp_path) -> Path:
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [{
                    "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
                    "name": "x" + HOSTILE, "location": "westeurope", "properties": {}}]}
    path = tmp_path / f"{HOSTILE}.json"
    path.write_text(json.dumps(template))
    return path


@pytest.mark.parametrize("colour", ["--no-color", "--color"])
def test_validate_messages_carry_no_raw_control_characters(hostile_template, colour):
    ran = relecloud("validate", colour, "-v", str(hostile_template.parent))
    assert "t\\u001b]0;owned\\u0007" in ran.output, ran.output
    assert raw_controls(ran.output, colour=colour == "--color") == []
    if colour == "--color":
        assert COLOUR.search(ran.output), "colour itself still works"


def test_json_output_keeps_the_hostile_file_name_exactly(hostile_template):
    ran = relecloud("validate", "--format", "json", str(hostile_template))
    assert raw_controls(ran.stdout) == []
    assert Path(json.loads(ran.stdout)["files"][0]).name == hostile_template.name


def test_progress_lines_and_deploy_lines_are_escaped():
    stream = io.StringIO()
    with Progress(stream, 2, "rendering", Progress.LINES) as progress:
        progress.advance(HOSTILE)
        progress.note("note " + HOSTILE)
    bar = io.StringIO()
    with Progress(bar, 2, "validating", Progress.BAR) as progress:
        progress.advance(HOSTILE, steps=2)  # the last step is always drawn
    live = LiveUnits(io.StringIO(), [HOSTILE], color=True, live=True)
    live.phase(HOSTILE, "failed: " + HOSTILE)
    live.echo("ARM says " + HOSTILE)
    log = LiveUnits(io.StringIO(), [HOSTILE], color=False, live=False)
    log.phase(HOSTILE, "deploying " + HOSTILE)
    assert raw_controls(stream.getvalue()) == [] and raw_controls(log.stream.getvalue()) == []
    drawn = bar.getvalue().replace("\r", "").replace("\x1b[K", "")  # the bar's own redraw controls
    assert raw_controls(drawn) == [] and "\\u001b" in drawn
    shown = live.stream.getvalue()
    shown = re.sub("\x1b\\[[0-9]*F\x1b\\[J", "", shown)  # the live block's own cursor moves
    assert raw_controls(shown, colour=True) == []


def test_a_manifest_whose_name_is_not_utf8_is_refused_cleanly(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    folder = os.fsencode(tmp_path)
    manifest = os.path.join(folder, b"estate-\xff.yaml")
    shutil.copy(MINIMAL, manifest)
    ran = relecloud("render", os.fsdecode(manifest), "-o", str(tmp_path / "out"))
    assert "Traceback" not in ran.output and ran.code == 2, ran.output
    assert "estate-\\udcff.yaml is not a UTF-8 file name" in ran.output
    assert not (tmp_path / "out").exists()


def test_an_output_folder_whose_name_is_not_utf8_works_and_is_shown_escaped(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    shutil.copy(MINIMAL, tmp_path / "relecloud.yaml")
    out = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"out-\xfe"))
    ran = relecloud("render", "relecloud.yaml", "-o", out, cwd=tmp_path)
    assert ran.code == 0 and "out-\\udcfe" in ran.output and "Traceback" not in ran.output, ran.output
    (Path(out) / "sales" / "main.json").write_text("{}")
    check = relecloud("render", "--check", "-o", out, cwd=tmp_path)
    assert check.code == 1 and "out-\\udcfe/sales/main.json: out of date" in check.stdout, check.output
