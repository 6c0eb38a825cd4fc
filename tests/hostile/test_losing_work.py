"""Issue 14 items 1-3: relecloud never loses the user's work.

1. No silent fallback to the bundled example: ./relecloud.yaml, else the manifest out/plan.json records, the
   example only by name (--example), else a usage error whose hints are commands to copy.
2. render removes only files it can prove it wrote (the SHA-256 plan.json records), never under .git, and
   refuses a folder with unrelated content unless --force.
3. All or nothing; leftovers of interrupted renders cleaned and reported; one render at a time per folder;
   never over the manifest; validate -o never over its input.
"""

from __future__ import annotations

import fcntl
import json
import os
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relecloud_templates.cli import cli
from relecloud_templates.render import publish

PROJECT = Path(__file__).resolve().parents[2]
MINIMAL = PROJECT / "scenarios" / "minimal.yaml"
EXAMPLE = PROJECT / "scenarios" / "relecloud.yaml"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, input=input)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def plan(out: Path) -> dict:
    return json.loads((out / "plan.json").read_text())


@pytest.fixture
def user_repo(tmp_path, monkeypatch):
    """A user's repository: its own relecloud.yaml (the starter estate) rendered into out/."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, "relecloud.yaml")
    (tmp_path / "README.md").write_text("# our estate\n")
    assert run("render", "relecloud.yaml", "-o", "out").exit_code == 0
    return tmp_path


# -- 1. which manifest --------------------------------------------------------------------------------------

def test_render_without_a_manifest_uses_the_local_one_not_the_example(user_repo):
    before = snapshot(user_repo / "out")
    result = run("render", "-o", "out")
    assert result.exit_code == 0, result.output
    assert plan(user_repo / "out")["manifest"] == "../relecloud.yaml"
    assert snapshot(user_repo / "out") == before, "the user's render is untouched: nothing to change"


@pytest.mark.parametrize("args", [["plan"], ["render", "--check", "-o", "out"], ["validate"]])
def test_plan_check_and_validate_without_a_manifest_use_the_local_one(user_repo, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "billing" not in result.output and "operations" not in result.output  # the example's zones


def test_without_a_local_manifest_the_one_the_render_records_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "estate").mkdir()
    shutil.copy(MINIMAL, tmp_path / "estate" / "prod.yaml")
    assert run("render", "estate/prod.yaml", "-o", "out").exit_code == 0
    result = run("render", "--check", "-o", "out", "-v")
    assert result.exit_code == 0, result.output
    assert "estate/prod.yaml (the manifest the render in out was made from)" in result.output
    assert "sales" in run("plan").output


def test_a_render_with_environments_records_its_manifest_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "estate.yaml")  # defines dev and prd: out/dev/plan.json, out/prd/plan.json
    assert run("render", "estate.yaml", "-o", "out", "--format", "arm").exit_code == 0
    result = run("render", "--check", "-o", "out", "--format", "arm", "-v")
    assert result.exit_code == 0, result.output
    assert "estate.yaml (the manifest the render in out was made from)" in result.output


@pytest.mark.parametrize("args", [["render", "-o", "out"], ["render", "--check", "-o", "out"], ["plan"],
                                  ["validate"], ["deploy", "--what-if"]])
def test_no_manifest_anywhere_is_a_usage_error_with_commands_to_copy(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "no manifest named, no ./relecloud.yaml here" in result.output
    assert "hint: relecloud init my-estate" in result.output
    assert not (tmp_path / "out").exists(), "nothing was rendered"


def test_the_hints_are_exact_commands_that_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, tmp_path / "mine.yaml")
    refused = run("render", "--format", "arm", "-o", "out")
    hints = [line.split("hint: ", 1)[1] for line in refused.output.splitlines() if "hint: relecloud" in line]
    assert hints[:2] == ["relecloud render mine.yaml -o out --format arm",
                         "relecloud render --example -o out --format arm"]
    done = run(*shlex.split(hints[0])[1:])
    assert done.exit_code == 0 and (tmp_path / "out" / "sales" / "main.json").is_file()


def test_the_example_only_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("render", "--example", "-o", "out").exit_code == 0
    assert "billing" in {u["zone"] for u in plan(tmp_path / "out" / "dev")["units"]}
    assert run("plan", "--example").exit_code == 0
    both = run("render", str(MINIMAL), "--example", "-o", "out")
    assert both.exit_code == 2 and "not both" in both.output


def test_two_candidates_are_refused_not_guessed(user_repo):
    (user_repo / "other").mkdir()
    shutil.copy(MINIMAL, user_repo / "other" / "estate.yaml")
    assert run("render", "other/estate.yaml", "-o", "elsewhere").exit_code == 0
    result = run("render", "--check", "-o", "elsewhere")
    assert result.exit_code == 2
    assert "hint: relecloud render relecloud.yaml -o elsewhere --check" in result.output
    assert "hint: relecloud render other/estate.yaml -o elsewhere --check" in result.output


def test_the_stale_output_hint_is_the_exact_command_and_it_fixes_it(user_repo):
    manifest = user_repo / "relecloud.yaml"
    manifest.write_text(manifest.read_text().replace("platform-team@example.com", "data-team@example.com"))
    stale = run("render", "--check", "-o", "out")
    assert stale.exit_code == 1
    hint = next(line.split("hint: ", 1)[1] for line in stale.output.splitlines() if "hint:" in line)
    assert hint == "relecloud render relecloud.yaml -o out"
    assert run(*shlex.split(hint)[1:]).exit_code == 0
    assert run("render", "--check", "-o", "out").exit_code == 0


# -- 2. what render may remove -------------------------------------------------------------------------------

def test_a_crafted_plan_cannot_make_render_delete_the_users_files(tmp_path, monkeypatch):
    """The issue's attack: a foreign plan.json listing README.md, .git/config and sources, with `-o .`."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, "relecloud.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("print('hi')\n")
    (tmp_path / "README.md").write_text("# ours\n")
    listed = ["README.md", ".git/config", "src/app.py"]
    crafted = {"version": 1, "manifest": "relecloud.yaml",
               "units": [{"name": "x", "template": "README.md", "parameters": ".git/config", "files": listed}],
               "written": {p: publish.digest((tmp_path / p).read_bytes()) for p in listed}}
    (tmp_path / "plan.json").write_text(json.dumps(crafted))
    before = snapshot(tmp_path)

    refused = run("render", "relecloud.yaml", "-o", ".")
    assert refused.exit_code == 2
    assert "holds files that relecloud did not write (it is the manifest's own folder)" in refused.output
    assert snapshot(tmp_path) == before

    forced = run("render", "relecloud.yaml", "-o", ".", "--force")
    assert forced.exit_code == 0, forced.output
    for path in ["README.md", ".git/config", "src/app.py", "relecloud.yaml"]:
        assert (tmp_path / path).read_bytes() == before[path], path


def test_files_of_a_dropped_unit_are_removed_only_when_provably_relecloud_s(user_repo):
    out = user_repo / "out"
    manifest = user_repo / "relecloud.yaml"
    edited = out / "sales-daily-sales" / "main.bicep"
    edited.write_text(edited.read_text() + "// my note\n")
    kept_before = edited.read_bytes()
    text = manifest.read_text()
    manifest.write_text(text[:text.index("    # Data products serve")] + text[text.index("# Every data landing zone"):])
    result = run("render", "-o", "out")
    assert result.exit_code == 0, result.output
    assert not (out / "sales-daily-sales" / "main.json").exists(), "relecloud's own, unchanged files go"
    assert edited.read_bytes() == kept_before, "the file edited by hand stays"
    assert "kept out/sales-daily-sales/main.bicep" in result.output
    assert run("render", "--check", "-o", "out").exit_code == 0, "what render keeps is not 'out of date'"


def test_nothing_under_git_is_removed_even_with_a_matching_hash(user_repo):
    out = user_repo / "out"
    (out / "sales" / ".git").mkdir()
    secret = out / "sales" / ".git" / "main.json"
    secret.write_text("{}")
    doc = plan(out)
    doc["written"]["sales/.git/main.json"] = publish.digest(b"{}")
    (out / "plan.json").write_text(json.dumps(doc))
    assert run("render", "-o", "out", "--force").exit_code == 0
    assert secret.read_text() == "{}"


def test_unrelated_content_is_refused_unless_forced_and_then_kept(user_repo):
    out = user_repo / "out"
    (out / "notes.txt").write_text("mine")
    refused = run("render", "-o", "out")
    assert refused.exit_code == 2 and "notes.txt" in refused.output
    assert "hint: relecloud render relecloud.yaml -o out --force" in refused.output
    assert run("render", "-o", "out", "--force").exit_code == 0
    assert (out / "notes.txt").read_text() == "mine"


def test_a_render_of_another_manifest_is_not_replaced_unless_forced(user_repo):
    before = snapshot(user_repo / "out")
    refused = run("render", "--example", "-o", "out")
    assert refused.exit_code == 2 and "holds the render of another manifest" in refused.output
    assert snapshot(user_repo / "out") == before
    assert run("render", "--example", "-o", "out", "--force").exit_code == 0
    assert "billing" in {u["zone"] for u in plan(user_repo / "out" / "prd")["units"]}


def test_a_render_by_an_older_relecloud_is_updated_but_its_leftovers_kept(user_repo):
    """plan.json without hashes: its files may be rewritten (they are render's paths) but not removed."""
    out = user_repo / "out"
    doc = plan(out)
    del doc["written"]
    doc["units"].append({"name": "gone", "template": "gone/main.json", "parameters": "gone/main.parameters.json",
                         "files": ["gone/main.json"]})
    (out / "plan.json").write_text(json.dumps(doc))
    (out / "gone").mkdir()
    (out / "gone" / "main.json").write_text("{}")
    result = run("render", "-o", "out")
    assert result.exit_code == 0, result.output
    assert (out / "gone" / "main.json").exists() and "kept out/gone/main.json" in result.output
    assert "written" in plan(out)


# -- 3. all or nothing, leftovers, one at a time, never over the inputs ---------------------------------------

def test_a_failure_part_way_leaves_the_previous_output_intact(user_repo):
    out = user_repo / "out"
    manifest = user_repo / "relecloud.yaml"
    manifest.write_text(manifest.read_text().replace("platform-team@example.com", "data-team@example.com"))
    (out / "plan.json").unlink()
    (out / "plan.json").mkdir()  # the last file render writes cannot be written
    (out / "plan.json" / "keep").write_text("x")
    before = snapshot(out)
    refused = run("render", "-o", "out")  # a plan.json that is no relecloud plan: unrelated content
    assert refused.exit_code == 2 and "plan.json/keep" in refused.output
    result = run("render", "-o", "out", "--force")
    assert result.exit_code == 2 and "cannot write out/plan.json: a folder is in the way" in result.output
    assert snapshot(out) == before


def test_the_batch_is_rolled_back_when_a_rename_fails(tmp_path, monkeypatch):
    from relecloud_templates import fsutil

    files = [(tmp_path / f"u{i}" / "main.json", f"new {i}") for i in range(5)]
    for path, _ in files[:3]:
        path.parent.mkdir()
        path.write_text("old")
    real_replace, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", failing)
    with pytest.raises(OSError):
        fsutil.write_atomic_many(files)
    monkeypatch.setattr(fsutil.os, "replace", real_replace)
    assert [p.read_text() for p, _ in files[:3]] == ["old"] * 3
    assert not files[3][0].exists() and not files[4][0].exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["main.json"] * 3, "no temporary left"


def test_temporary_files_of_an_interrupted_render_are_reported_and_cleaned(user_repo):
    out = user_repo / "out"
    leftovers = [out / "sales" / ".main.json.k3j9x0q2.tmp", out / ".plan.json.abcdefgh.tmp"]
    for path in leftovers:
        path.write_text("half")
    mine = out / "sales" / ".notes.txt.abcdefgh.tmp"
    mine.write_text("not relecloud's")
    check = run("render", "--check", "-o", "out")
    assert check.exit_code == 1
    for path in leftovers:
        assert f"{path.relative_to(user_repo)}: out of date" in check.output
    mine.unlink()
    done = run("render", "-o", "out")
    assert done.exit_code == 0 and "removed 2 temporary file(s)" in done.output
    assert not any(p.exists() for p in leftovers)


def test_a_second_render_waits_for_the_first_then_gives_up(user_repo, monkeypatch):
    monkeypatch.setattr(publish, "LOCK_WAIT", 0.3)
    fd = os.open(user_repo / "out", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        before = snapshot(user_repo / "out")
        (user_repo / "relecloud.yaml").write_text(
            (user_repo / "relecloud.yaml").read_text().replace("platform-team", "data-team"))
        result = run("render", "-o", "out")
    finally:
        os.close(fd)
    assert result.exit_code == 2
    assert "waiting for another render into out" in result.output
    assert "another relecloud render is still writing into out" in result.output
    assert snapshot(user_repo / "out") == before
    assert run("render", "-o", "out").exit_code == 0


def test_concurrent_renders_into_one_folder_leave_one_whole_render(tmp_path, monkeypatch):
    import subprocess
    import sys

    shutil.copy(MINIMAL, tmp_path / "relecloud.yaml")
    command = [sys.executable, "-m", "relecloud_templates", "render", "relecloud.yaml", "-o", "out", "-q"]
    runs = [subprocess.Popen(command, cwd=tmp_path) for _ in range(3)]  # three processes at once: the race
    assert [r.wait(timeout=120) for r in runs] == [0, 0, 0]
    monkeypatch.chdir(tmp_path)  # what they left is checked here (the check needs no process of its own)
    check = run("render", "relecloud.yaml", "-o", "out", "--check")
    assert check.exit_code == 0, check.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["plan.json", "estate.md", "estate.svg", "mgmt", "sales", "sales-orders", "sales-daily-sales"])


def test_render_never_writes_over_its_manifest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    shutil.copy(MINIMAL, tmp_path / "out" / "plan.json")  # a manifest may have any name: JSON is YAML
    before = (tmp_path / "out" / "plan.json").read_bytes()
    for extra in ([], ["--force"]):
        result = run("render", "out/plan.json", "-o", "out", *extra)
        assert result.exit_code == 2, result.output
        assert (tmp_path / "out" / "plan.json").read_bytes() == before
    assert "the manifest or its address record" in result.output


def test_validate_never_writes_its_report_over_an_input(tmp_path):
    template = tmp_path / "main.json"
    template.write_text(json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                    "deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}))
    before = template.read_bytes()
    for args in (["-o", str(template), str(template)], ["-o", str(template), str(tmp_path)]):
        result = run("validate", *args)
        assert result.exit_code == 2 and "refusing to write the report over" in result.output
        assert template.read_bytes() == before


def test_every_file_render_writes_has_a_shape_it_may_later_remove(tmp_path):
    """UNIT_FILE_PATTERNS is the list of shapes render removes; a file it writes outside them would pile up."""
    from relecloud_templates.manifest import load_manifest
    from relecloud_templates.plan import build_plan
    from relecloud_templates.render import render_files

    manifest = load_manifest(EXAMPLE)
    rendered = render_files(manifest, build_plan(manifest), "x.yaml", "both")
    unit_files = [p for p in rendered.files if "/" in p]  # top-level files (plan.json, the picture) are rewritten
    #                                                        by every render, never left behind
    assert unit_files and all(publish.removable(p) for p in unit_files), [
        p for p in unit_files if not publish.removable(p)]
    assert any("/modules/" in p for p in unit_files)
    for never in ["README.md", "src/app.py", "sales/.git/main.json", ".git/config", "sales/main.py",
                  "sales/modules/deep/x.bicep", "plan.json", "Sales/main.json"]:
        assert not publish.removable(never), never


def test_a_foreign_file_at_one_of_renders_paths_is_not_overwritten_unless_forced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, "relecloud.yaml")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plan.json").write_text('{"my": "own plan"}\n')
    refused = run("render", "-o", "out")
    assert refused.exit_code == 2 and "holds files that relecloud did not write: plan.json" in refused.output
    assert (tmp_path / "out" / "plan.json").read_text() == '{"my": "own plan"}\n'


def test_a_plan_nested_past_pythons_limit_is_no_traceback(tmp_path, monkeypatch):
    """Issue 14 item 9 (render's side): JSON deeper than ~900 levels in plan.json."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(MINIMAL, "relecloud.yaml")
    (tmp_path / "out").mkdir()
    deep = '{"version": 1, "manifest": "../relecloud.yaml", "units": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (tmp_path / "out" / "plan.json").write_text(deep)
    for args in (["render", "--check", "-o", "out"], ["render", "-o", "out"], ["plan"]):
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (1, 2) or args == ["plan"], result.output
    assert (tmp_path / "out" / "plan.json").read_text() == deep, "a plan it cannot read is not relecloud's"
