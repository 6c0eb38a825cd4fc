"""Git and pre-commit helpers for the workflow tests: a snapshot of this working tree as a hook repository.

pre-commit installs a hook repository once per (repository URL, revision). The snapshot is committed with
fixed dates and identity, so an unchanged tree gives the same commit, and pre-commit reuses its environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXED_GIT_ENV = {
    "GIT_AUTHOR_NAME": "relecloud tests",
    "GIT_AUTHOR_EMAIL": "tests@relecloud.invalid",
    "GIT_COMMITTER_NAME": "relecloud tests",
    "GIT_COMMITTER_EMAIL": "tests@relecloud.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+00:00",
    # Neither the developer's nor the machine's git configuration (signing, hooks, templates) applies.
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=check, capture_output=True, text=True,
        env={**os.environ, **FIXED_GIT_ENV, **(env or {})},
    )


def working_tree_files(root: Path) -> list[str]:
    """What a commit of the working tree would hold now: tracked and untracked files, minus .gitignore'd ones."""
    listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    return sorted({name for name in listed if name and (root / name).is_file()})


# What pre-commit's `pip install .` of the hook repository reads (pyproject.toml, setup.py, MANIFEST.in and the
# folders setup.py bundles), and the hook definitions: a change to the tests or the docs leaves the snapshot, its
# commit and so pre-commit's installed environment as they were. A build input missing here fails the install.
HOOK_REPO_PARTS = (".pre-commit-hooks.yaml", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md",
                   "relecloud_templates/", "templates/", "schemas/", "scenarios/")


def snapshot_working_tree(source: Path, target: Path, only: tuple[str, ...] = ()) -> str:
    """Make ``target`` a one-commit git repository holding ``source``'s working tree (the files and folders
    ``only`` names, when given); returns the commit."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in working_tree_files(source):
        if only and not name.startswith(only):
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, destination)
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree")
    return git(target, "rev-parse", "HEAD").stdout.strip()


def pre_commit_env(pre_commit_home: Path) -> dict[str, str]:
    env = {**os.environ, **FIXED_GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home)}
    # Hooks must not inherit the developer's colour or verbosity settings; the tests read plain text.
    for name in ("NO_COLOR", "FORCE_COLOR", "PRE_COMMIT_COLOR"):
        env.pop(name, None)
    return env
