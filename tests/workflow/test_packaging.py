"""The wheel holds the source tree as it is: templates, scenarios and type data included, and nothing that an
earlier build left in build/ (a template deleted since, a module renamed since). Built offline from a clean copy,
as `pip wheel .` builds it (in the tree, with the project's own setuptools)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workflow.gitrepo import PROJECT_ROOT, git, working_tree_files

RETIRED_TEMPLATE = "templates/landing/retired-service.json.j2"


def _copy_of_the_tree(target: Path) -> Path:
    if git(PROJECT_ROOT, "rev-parse", "--git-dir", check=False).returncode != 0:
        pytest.skip("the copy is what git tracks (and would track); this checkout is not a git repository")
    for name in working_tree_files(PROJECT_ROOT):
        if name.startswith("tests/"):
            continue  # not packaged; the copy stays small
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, target / name)
    return target


def test_a_wheel_holds_the_tree_and_nothing_a_stale_build_left(tmp_path):
    source = _copy_of_the_tree(tmp_path / "source")
    deleted = sorted((source / "templates").rglob("*.j2"))[0]
    deleted_name = deleted.relative_to(source).as_posix()
    deleted.unlink()  # a template deleted since the last build...
    stale = source / "build" / "lib" / "relecloud_templates"
    for leftover in (f"data/{deleted_name}", f"data/{RETIRED_TEMPLATE}", "retired_module.py"):
        (stale / leftover).parent.mkdir(parents=True, exist_ok=True)  # ...still in the build folder of that build
        (stale / leftover).write_text("{}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp_path / "dist").glob("relecloud_templates-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"relecloud_templates/data/{deleted_name}" not in names
    assert f"relecloud_templates/data/{RETIRED_TEMPLATE}" not in names
    assert "relecloud_templates/retired_module.py" not in names
    # what the tree holds is there: the code, the bundled folders and the type data
    templates = {p.relative_to(source).as_posix() for p in (source / "templates").rglob("*") if p.is_file()}
    assert templates and {f"relecloud_templates/data/{t}" for t in templates} <= names
    assert "relecloud_templates/data/scenarios/relecloud.yaml" in names
    assert "relecloud_templates/cli.py" in names
    assert any(n.startswith("relecloud_templates/data/types/") for n in names)
    assert not any("__pycache__" in n for n in names)
