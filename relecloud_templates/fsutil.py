"""Atomic file writes: nothing half-written on disk, ever."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

# From this many files on, a batch is made durable with one sync(2) rather than an fsync(2) per file. Linux's
# sync waits until the data is written (the same guarantee as fsync on every file), and a render of a large
# estate writes thousands of files, whose fsyncs one by one took longer than all the rest of the render.
_ONE_BARRIER_FROM = 16
_SYNC_WAITS = sys.platform.startswith("linux") and hasattr(os, "sync")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(path: Path, data: bytes | str, mode: int, fsync: bool) -> str:
    """Write ``data`` to a new temporary file beside ``path``; its name. Removes it again on failure."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The file gets the permissions an ordinary write would give it (0666 less the umask), not the private
    0600 of the temporary file.
    """
    write_atomic_many([(path, data)])


def write_atomic_many(files: Sequence[tuple[Path, bytes | str]]) -> None:
    """Write each of ``files`` (path, data) atomically, as ``write_atomic`` does, in one batch: every file is
    written to a temporary file beside it and made durable, then all are renamed into place in the order given.
    When writing any of them fails, no file is replaced and no temporary file is left.
    """
    mode = 0o666 & ~_umask()
    one_barrier = _SYNC_WAITS and len(files) >= _ONE_BARRIER_FROM
    folders: set[Path] = set()
    staged: list[tuple[str, Path]] = []
    renamed = 0
    try:
        for path, data in files:
            path = Path(path)
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            staged.append((_stage(path, data, mode, fsync=not one_barrier), path))
        if one_barrier:
            os.sync()
        for tmp, path in staged:
            os.replace(tmp, path)
            renamed += 1
    except BaseException:
        for tmp, _ in staged[renamed:]:
            _discard(tmp)
        raise


def is_within(child: Path, parent: Path) -> bool:
    """True when ``child`` resolves to a place inside ``parent`` (guards against ``..`` and absolute names)."""
    try:
        Path(os.path.realpath(child)).relative_to(os.path.realpath(parent))
    except ValueError:
        return False
    return True
