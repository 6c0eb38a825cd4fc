"""`relecloud render` and `relecloud validate` show progress on a terminal and stay quiet in a log, without
changing what they print on stdout."""

from __future__ import annotations

import json
import re
import sys

import pytest
from click.testing import CliRunner

from relecloud_templates import console as console_module
from relecloud_templates.cli import cli

BAR_ERASE = "\r\x1b[K"


@pytest.fixture
def stderr_is_a_terminal(monkeypatch):
    """Decide as a user's terminal would for stderr, and as a pipe for stdout: the results stay plain text."""
    monkeypatch.setenv("TERM", "xterm-256color")  # CI machines often say TERM=dumb
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(console_module, "is_terminal", lambda stream, environ=None: stream is sys.stderr)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def units_in(out) -> list[str]:
    return [unit["name"] for unit in json.loads((out / "plan.json").read_text(encoding="utf-8"))["units"]]


def test_render_draws_progress_per_unit_on_a_terminal(tmp_path, stderr_is_a_terminal):
    result = invoke("render", "--example", "-o", str(tmp_path / "out"), "--env", "dev")
    assert result.exit_code == 0, result.stderr
    units = units_in(tmp_path / "out" / "dev")
    assert "rendering [" in result.stderr
    assert f"{len(units)}/{len(units)} {units[-1]}" in result.stderr  # the last step is always drawn
    assert BAR_ERASE in result.stderr and BAR_ERASE not in result.stdout


def test_render_prints_no_progress_into_a_log(tmp_path):
    result = invoke("render", "--example", "-o", str(tmp_path / "out"), "--env", "dev")
    assert result.exit_code == 0, result.stderr
    assert "rendering" not in result.stderr and "\r" not in result.stderr


def test_render_output_is_the_same_with_and_without_a_terminal(tmp_path, monkeypatch):
    piped = invoke("render", "--example", "-o", str(tmp_path / "piped"), "--explain", "--env", "dev")
    with monkeypatch.context() as patch:
        patch.setenv("TERM", "xterm-256color")
        patch.setattr(console_module, "is_terminal", lambda stream, environ=None: stream is sys.stderr)
        shown = invoke("render", "--example", "-o", str(tmp_path / "shown"), "--explain", "--env", "dev")
    assert shown.stdout == piped.stdout and piped.stdout
    for path in sorted((tmp_path / "piped").rglob("*")):
        if path.is_file() and path.name != "plan.json":  # plan.json names the manifest relative to its folder
            assert (tmp_path / "shown" / path.relative_to(tmp_path / "piped")).read_bytes() == path.read_bytes()


@pytest.fixture(scope="module")
def rendered(example_render):
    return example_render / "dev"  # render --example, once per test process (tests/conftest.py); one environment


def test_validate_draws_progress_per_file_on_a_terminal(rendered, stderr_is_a_terminal):
    result = invoke("validate", str(rendered))
    assert result.exit_code == 0, result.stdout + result.stderr
    checked = int(re.search(r"no findings in (\d+) files", result.stderr).group(1))  # templates, parameters, Bicep
    assert checked > 20 and "validating [" in result.stderr and f"{checked}/{checked} " in result.stderr
    assert BAR_ERASE in result.stderr and "\r" not in result.stdout


def test_validate_prints_no_progress_into_a_log(rendered):
    result = invoke("validate", str(rendered))
    assert "validating" not in result.stderr and "\r" not in result.stderr


def test_validate_report_is_the_same_with_and_without_a_terminal(rendered, tmp_path, monkeypatch):
    broken = tmp_path / "main.json"
    broken.write_text(
        '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",'
        ' "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "Bad_Name"}]}',
        encoding="utf-8",
    )
    piped = invoke("validate", str(rendered), str(broken), "-f", "json")
    with monkeypatch.context() as patch:
        patch.setenv("TERM", "xterm-256color")
        patch.setattr(console_module, "is_terminal", lambda stream, environ=None: stream is sys.stderr)
        shown = invoke("validate", str(rendered), str(broken), "-f", "json")
    assert "validating [" in shown.stderr
    assert shown.exit_code == piped.exit_code == 1
    assert shown.stdout == piped.stdout and '"E3003"' in piped.stdout


def test_quiet_silences_progress_even_on_a_terminal(rendered, stderr_is_a_terminal):
    result = invoke("validate", "-q", str(rendered))
    assert "validating" not in result.stderr and "\r" not in result.stderr
