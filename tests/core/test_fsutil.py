"""Atomic writes: all or nothing, with ordinary permissions."""

from __future__ import annotations

import os

import pytest

from relecloud_templates.fsutil import RealPaths, is_within, write_atomic


def test_write_atomic_replaces_whole_file_with_ordinary_permissions(tmp_path):
    target = tmp_path / "sub" / "main.json"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_text() == "second"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["main.json"], "no temporary file is left behind"


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "main.json"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["main.json"]


def test_is_within_refuses_escapes(tmp_path):
    assert is_within(tmp_path / "a" / "b", tmp_path)
    assert not is_within(tmp_path / ".." / "elsewhere", tmp_path)


def test_real_paths_answers_as_realpath_does_through_links(tmp_path):
    """render checks every file it writes with one RealPaths: a folder or file link must resolve as realpath says,
    so that a link cannot lead a write out of the output folder."""
    out = tmp_path / "out"
    (out / "unit").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (out / "linked").symlink_to(tmp_path / "elsewhere")  # a folder link
    (out / "unit" / "main.json").symlink_to(tmp_path / "elsewhere" / "x.json")  # a file link (dangling)
    real = RealPaths()
    paths = [out / "unit" / "main.json", out / "unit" / "new.json", out / "linked" / "a.json", out / "linked" / "b",
             out / "unit" / "..", out / "missing" / "deeper" / "c.json", out, tmp_path / "out" / "unit" / "."]
    for path in paths * 2:  # the second time from the cache
        assert real(path) == os.path.realpath(path), path
    assert not is_within(out / "unit" / "main.json", out, real)
    assert not is_within(out / "linked" / "a.json", out, real)
    assert is_within(out / "unit" / "new.json", out, real)
