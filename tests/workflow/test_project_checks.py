"""The project's own checks before a commit (.pre-commit-config.yaml): the real `pre-commit` runs ruff and mypy
from the project's virtual environment, passes on the tree as it is, and stops a commit that ruff faults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from workflow.gitrepo import PROJECT_ROOT, git, pre_commit_env

CONFIG = PROJECT_ROOT / ".pre-commit-config.yaml"
VENV_BIN = PROJECT_ROOT / ".venv" / "bin"


def _hooks() -> dict[str, dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def _run_hooks(pre_commit_home: Path, *args: str) -> subprocess.CompletedProcess:
    if not (VENV_BIN / "ruff").exists() or not (VENV_BIN / "mypy").exists():
        pytest.skip("the hooks run the tools of .venv (make install): not installed in this checkout")
    if git(PROJECT_ROOT, "rev-parse", "--git-dir", check=False).returncode != 0:
        pytest.skip("pre-commit runs in a git repository; this checkout is not one")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--config", str(CONFIG), *args],
        cwd=PROJECT_ROOT, env=pre_commit_env(pre_commit_home), capture_output=True, text=True, check=False,
    )


def test_the_hooks_are_ruff_and_mypy_as_make_test_runs_them():
    hooks = _hooks()
    assert sorted(hooks) == ["mypy", "ruff"]
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["mypy"]["entry"] == ".venv/bin/mypy"
    assert hooks["mypy"]["pass_filenames"] is False  # the files mypy checks are pyproject.toml's
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "test: install lint typecheck" in makefile
    assert "$(BIN)/ruff check" in makefile and "$(BIN)/mypy" in makefile


def test_the_hooks_pass_on_the_tree(pre_commit_home):
    result = _run_hooks(pre_commit_home, "--files", "relecloud_templates/cli.py", "tests/conftest.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ruff check" in result.stdout and "mypy" in result.stdout


def test_the_ruff_hook_stops_a_finding(pre_commit_home, tmp_path):
    bad = tmp_path / "unused.py"
    bad.write_text("import os\n", encoding="utf-8")
    result = _run_hooks(pre_commit_home, "ruff", "--files", str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "F401" in result.stdout
