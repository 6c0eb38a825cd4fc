"""`relecloud diagram` and the picture `render` writes, end to end through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from relecloud_templates.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DOCS_SVG = ROOT / "docs" / "estate.svg"
SCENARIO = str(ROOT / "scenarios" / "relecloud.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def diagram(*args: str):
    """`relecloud diagram` of the bundled scenario."""
    return run("diagram", SCENARIO, *args)


@pytest.mark.parametrize(("name", "opening"), [
    ("estate.md", "# Relecloud estate (dev)\n"), ("estate.mmd", "flowchart TB\n"),
    ("estate.svg", "<svg xmlns="), ("estate.html", "<!DOCTYPE html>"),
])
def test_the_format_follows_the_file_suffix(tmp_path, name, opening):
    result = diagram("-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(opening)


def test_markdown_on_stdout_by_default_and_format_overrides_the_suffix(tmp_path):
    result = diagram()
    assert result.exit_code == 0 and result.output.startswith("# Relecloud estate (dev)\n")
    assert "```mermaid" in result.output
    result = diagram("--format", "svg", "-o", str(tmp_path / "picture.txt"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "picture.txt").read_text(encoding="utf-8").startswith("<svg")


def test_an_unknown_suffix_or_zone_is_a_usage_error_with_a_hint(tmp_path):
    result = diagram("-o", str(tmp_path / "estate.png"))
    assert result.exit_code == 2 and "name it .md, .mmd, .svg or .html" in result.output
    assert not (tmp_path / "estate.png").exists()
    result = diagram("--zone", "biling")
    assert result.exit_code == 2 and "did you mean 'billing'?" in result.output


def test_a_file_the_user_wrote_is_not_replaced_without_force(tmp_path):
    mine = tmp_path / "notes.md"
    mine.write_text("# my own notes\n", encoding="utf-8")
    result = diagram("-o", str(mine))
    assert result.exit_code == 2 and "pass --force" in result.output
    assert mine.read_text(encoding="utf-8") == "# my own notes\n"
    assert diagram("-o", str(mine), "--force").exit_code == 0
    assert diagram("-o", str(mine)).exit_code == 0  # now it is relecloud's picture: redrawn freely


def test_a_bad_manifest_is_reported_located_not_drawn(tmp_path):
    manifest = tmp_path / "bad.yaml"
    manifest.write_text("version: 1\norganization: {}\n", encoding="utf-8")
    result = run("diagram", str(manifest), "-o", str(tmp_path / "estate.svg"))
    assert result.exit_code == 2 and f"{manifest}:" in result.output
    assert not (tmp_path / "estate.svg").exists()


def test_render_writes_the_picture_beside_the_templates_and_check_catches_it_stale(tmp_path):
    out = tmp_path / "out"
    assert run("render", SCENARIO, "-o", str(out)).exit_code == 0
    for env in ("dev", "prd"):  # the bundled scenario's environments: one picture each, beside its templates
        assert (out / env / "estate.md").read_text(encoding="utf-8") == diagram("--env", env).output
        svg = (out / env / "estate.svg").read_bytes()
        assert svg == diagram("--env", env, "--format", "svg").output.encode("utf-8")
        assert f"Relecloud estate ({env})".encode() in svg
    svg = (out / "prd" / "estate.svg").read_bytes()
    (out / "prd" / "estate.svg").write_bytes(svg.replace(b"billing", b"invoicing"))
    result = run("render", SCENARIO, "--check", "-o", str(out))
    assert result.exit_code == 1 and f"{out / 'prd' / 'estate.svg'}: out of date" in result.output


def test_render_explain_opens_with_the_summary(tmp_path):
    result = run("render", SCENARIO, "--explain", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.output.startswith("estate: 3 zones (management mgmt; 2 landing: operations, billing), peered mesh\n")
    assert "\ncross-zone reads: 2 (" in result.output.split("\n\n")[0]


def test_the_readme_picture_is_the_bundled_estate_as_drawn_today():
    """docs/estate.svg is what the README shows; redraw it with `make diagram-docs` when the plan changes."""
    assert DOCS_SVG.read_text(encoding="utf-8") == diagram("--format", "svg").output, (
        "docs/estate.svg is stale: run `make diagram-docs` and commit it")
    assert "docs/estate.svg" in (ROOT / "README.md").read_text(encoding="utf-8")
