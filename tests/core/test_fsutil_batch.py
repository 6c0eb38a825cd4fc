"""Batch atomic writes (a render writes thousands of files): each file whole, and all or none on failure."""

from __future__ import annotations

import os

import pytest

from relecloud_templates.fsutil import write_atomic_many


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("count", [3, 40])  # below and above the size from which one sync serves the batch
def test_batch_writes_every_file_with_ordinary_permissions_and_no_temporaries(tmp_path, count):
    files = [(tmp_path / f"unit{i}" / "main.json", f"content {i}") for i in range(count)]
    (tmp_path / "unit0").mkdir()
    (tmp_path / "unit0" / "main.json").write_text("old")
    write_atomic_many(files)
    for path, text in files:
        assert path.read_text() == text
        assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
        assert [p.name for p in path.parent.iterdir()] == ["main.json"]


def test_a_failing_file_leaves_every_old_file_and_no_temporary(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text("old")
    with pytest.raises(TypeError):
        write_atomic_many([(tmp_path / "a.json", "new"), (tmp_path / "b.json", 42)])  # type: ignore[list-item]
    assert (tmp_path / "a.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]
