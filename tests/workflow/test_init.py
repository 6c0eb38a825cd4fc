"""`relecloud init`: a commented starter manifest that loads, renders, and never overwrites anything."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from relecloud_templates.cli import cli
from relecloud_templates.manifest import load_manifest
from relecloud_templates.resources import scenarios_dir


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_writes_the_minimal_starter_into_a_new_directory(tmp_path):
    target = tmp_path / "estate" / "nested"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    written = target / "relecloud.yaml"
    assert written.read_bytes() == (scenarios_dir() / "minimal.yaml").read_bytes()
    assert f"wrote {written}" in result.stderr
    assert f"relecloud validate {written}" in result.stderr  # tells the user what to do next
    assert os.listdir(target) == ["relecloud.yaml"]  # no temporary file left behind


def test_the_starter_is_commented_and_loads_cleanly(tmp_path):
    run("init", str(tmp_path / "a"))
    text = (tmp_path / "a" / "relecloud.yaml").read_text()
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 5
    assert text.count("replace") >= 2  # the placeholders a user must change are marked
    manifest = load_manifest(tmp_path / "a" / "relecloud.yaml")
    assert len(manifest.landing_zones) == 1
    zone = manifest.landing_zones[0]
    assert len(zone.integrations) == 1 and len(zone.products) == 1


def test_from_bundled_copies_the_relecloud_scenario(tmp_path):
    result = run("init", str(tmp_path), "--from-bundled")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "relecloud.yaml").read_bytes() == (scenarios_dir() / "relecloud.yaml").read_bytes()
    assert load_manifest(tmp_path / "relecloud.yaml").organization.name == "Relecloud"


def test_refuses_to_overwrite_and_leaves_the_file_alone(tmp_path):
    existing = tmp_path / "relecloud.yaml"
    existing.write_text("version: 1  # my work\n")
    result = run("init", str(tmp_path), "--from-bundled")
    assert result.exit_code == 2
    assert f"error: {existing} already exists" in result.stderr
    assert existing.read_text() == "version: 1  # my work\n"
    assert os.listdir(tmp_path) == ["relecloud.yaml"]


def test_refuses_a_dangling_symlink_in_the_way(tmp_path):
    (tmp_path / "relecloud.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert run("init", str(tmp_path)).exit_code == 2
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_a_file_where_the_directory_should_be_is_a_usage_error(tmp_path):
    (tmp_path / "estate").write_text("")
    result = run("init", str(tmp_path / "estate"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_an_impossible_directory_is_reported_without_a_traceback(tmp_path):
    (tmp_path / "notes.txt").write_text("")
    result = run("init", str(tmp_path / "notes.txt" / "estate"))
    assert result.exit_code == 2
    assert f"cannot write {tmp_path / 'notes.txt' / 'estate' / 'relecloud.yaml'}: Not a directory" in result.stderr


def test_the_file_gets_the_users_umask_not_private_permissions(tmp_path):
    previous = os.umask(0o022)
    try:
        run("init", str(tmp_path))
    finally:
        os.umask(previous)
    assert (tmp_path / "relecloud.yaml").stat().st_mode & 0o777 == 0o644


def test_quiet_prints_nothing_on_success(tmp_path):
    result = run("init", str(tmp_path), "--quiet")
    assert result.exit_code == 0
    assert result.output == ""


def test_the_starter_renders(tmp_path):
    run("init", str(tmp_path))
    out = tmp_path / "out"
    result = run("render", str(tmp_path / "relecloud.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "plan.json").is_file()
    assert run("render", str(tmp_path / "relecloud.yaml"), "-o", str(out), "--check").exit_code == 0


def test_init_is_listed_and_helps(tmp_path):
    assert "init" in run("--help").output
    help_text = run("init", "--help").output
    for option in ("--minimal", "--from-bundled", "--quiet", "--verbose", "--no-color"):
        assert option in help_text
    assert not Path(tmp_path / "relecloud.yaml").exists()
