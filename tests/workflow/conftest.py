"""Fixtures for the workflow tests: a git snapshot of this working tree that pre-commit can use as a hook repo.

The snapshot and PRE_COMMIT_HOME live at fixed places in pytest's cache, so that a second run with an unchanged
package reuses the environment pre-commit installed instead of pip-installing relecloud again (the snapshot holds
what the install reads: a change to the tests or the docs keeps it).
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

import pytest

from workflow.gitrepo import HOOK_REPO_PARTS, PROJECT_ROOT, pre_commit_env, snapshot_working_tree


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "pre_commit_install: installs this checkout into a pre-commit environment (pip; cached)"
    )


@pytest.fixture(scope="session")
def pre_commit_home(request) -> Path:
    return Path(request.config.cache.mkdir("pre-commit-home"))


@pytest.fixture(scope="session")
def hook_repo(request, pre_commit_home) -> tuple[Path, str]:
    """(path, commit) of the snapshot. A file lock keeps two concurrent test runs from rebuilding it at once."""
    base = Path(request.config.cache.mkdir("pre-commit-hook-repo"))
    lock = open(base / "lock", "w")  # noqa: SIM115 - held open, and locked, until the session ends
    fcntl.flock(lock, fcntl.LOCK_EX)
    request.addfinalizer(lock.close)
    last = base / "commit"
    commit = snapshot_working_tree(PROJECT_ROOT, base / "repo", only=HOOK_REPO_PARTS)
    if not last.exists() or last.read_text(encoding="utf-8") != commit:
        # Drop the environments of earlier snapshots (they are large). Only when the snapshot changed: gc drops
        # every environment that no existing configuration names, and the test configurations live in tmp_path,
        # which pytest removes after a few runs; the environment of an unchanged snapshot is kept for the next run.
        subprocess.run([sys.executable, "-m", "pre_commit", "gc"], env=pre_commit_env(pre_commit_home),
                       capture_output=True, check=False)
        last.write_text(commit, encoding="utf-8")
    return base / "repo", commit
