"""A render from before environments (out/plan.json and its units' folders) in a folder where render now writes
out/<env>/: removed when relecloud can prove it wrote all of it, else left untouched with the commands that
move it away; deploy never picks it silently."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from relecloud_templates.cli import cli
from relecloud_templates.commands.deploy import rendered_plan

MINIMAL = Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml"
ENVIRONMENTS = "\nenvironments:\n  dev:\n  uat:\n"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def flat(tmp_path, monkeypatch) -> Path:
    """A user's repository whose out/ holds a render of relecloud.yaml from before it had environments."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, "relecloud.yaml")
    assert run("render", "-o", "out", "--format", "arm").exit_code == 0
    assert (tmp_path / "out" / "plan.json").is_file() and (tmp_path / "out" / "mgmt" / "main.json").is_file()
    with open("relecloud.yaml", "a") as manifest:
        manifest.write(ENVIRONMENTS)
    return tmp_path / "out"


def test_a_render_relecloud_provably_wrote_is_removed_and_the_users_files_stay(flat):
    (flat / "mgmt" / "notes.md").write_text("ours\n")
    result = run("render", "-o", "out", "--format", "arm")
    assert result.exit_code == 0, result.output
    assert "removed the render from before environments in out (" in result.output
    left = snapshot(flat)
    assert left.pop("mgmt/notes.md") == b"ours\n"  # never relecloud's: kept
    assert sorted({name.split("/")[0] for name in left}) == ["dev", "uat"]
    assert not (flat / "sales").exists() and not (flat / "plan.json").exists()
    assert rendered_plan(flat, "uat") == flat / "uat"


def test_a_render_it_cannot_prove_is_left_whole_with_the_commands_that_move_it(flat):
    (flat / "sales" / "main.json").write_text((flat / "sales" / "main.json").read_text() + " ")  # someone's edit
    before = snapshot(flat)
    refused = run("render", "-o", "out", "--format", "arm")
    assert refused.exit_code == 2
    assert "out holds a render from before environments (out/plan.json and its units' folders)" in refused.output
    assert "relecloud cannot prove it wrote sales/main.json" in refused.output
    assert snapshot(flat) == before, "nothing removed, nothing written"
    [move, force] = [line.split("hint: ", 1)[1] for line in refused.output.splitlines() if "hint: " in line]
    assert move == ("mkdir out-before-environments && mv out/estate.md out/estate.svg out/mgmt out/plan.json "
                    "out/sales out/sales-daily-sales out/sales-orders out-before-environments/")
    assert force.startswith("relecloud render relecloud.yaml -o out --format arm --force")

    # The hint works as printed, and the edit survives where it was moved.
    subprocess.run(["sh", "-c", move], check=True, cwd=flat.parent)
    assert (flat.parent / "out-before-environments" / "sales" / "main.json").read_bytes() == before["sales/main.json"]
    assert run("render", "-o", "out", "--format", "arm").exit_code == 0
    assert sorted(p.name for p in flat.iterdir()) == ["dev", "uat"]


def test_beside_it_with_force_deploy_asks_for_the_environment_instead_of_taking_the_old_one(flat):
    (flat / "mgmt" / "main.json").write_text("{}\n")  # not provably relecloud's: --force renders beside it
    forced = run(*shlex.split("render -o out --format arm --force"))
    assert forced.exit_code == 0, forced.output
    assert (flat / "plan.json").is_file() and (flat / "dev" / "plan.json").is_file()
    result = CliRunner().invoke(cli, ["deploy", "out", "--what-if"])
    assert result.exit_code == 2
    assert "out holds a render from before environments (out/plan.json) beside the renders of the environments " \
           "dev, uat: name one with --env" in result.output
    assert rendered_plan(flat, "dev") == flat / "dev"
