"""Files in and out: inputs read safely (regular files only, bounded in size), outputs written atomically
(nothing half-written on disk, ever).

Every command reads its inputs through ``read_input``/``read_input_text``: a named pipe, a device such as
``/dev/zero`` or a folder given where a file is expected is refused before anything is read (reading would
block or never end), and so is a file larger than ``MAX_INPUT_BYTES``. The refusal is an ``InputRefused``,
an ``OSError`` whose ``strerror`` says why, so every ``except OSError`` that reports ``exc.strerror`` reports
it too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

# The largest input file relecloud reads. Azure Resource Manager refuses templates and parameter files over
# 4 MB and the largest Bicep source in the compiler's own stress tests is under 4 MB; four times that leaves
# room for any real input while keeping memory bounded on a hostile one (docs/limits.md).
MAX_INPUT_BYTES = 16 * 1024 * 1024
_READ_CHUNK = 1024 * 1024


class InputRefused(OSError):
    """An input that relecloud will not read: not a regular file, or larger than the limit."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(errno.EINVAL, reason, os.fspath(path))


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_large(size: int | None, limit: int) -> str:
    """``size`` None: more than ``limit`` (a stream, or a file that grew while it was read)."""
    shown = f"more than {limit:,} bytes" if size is None else f"{size:,} bytes"
    most = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit:,} bytes"
    return f"{shown}: larger than the {most} relecloud reads from one input file"


def read_input(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; ``InputRefused`` for anything else or anything larger than
    ``limit``, other ``OSError``s as the system reports them.

    The file is opened without blocking (a named pipe with no writer would otherwise hang the open) and
    checked on the open descriptor, so a file swapped for a pipe between a check and the read cannot slip by.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        # A socket (or, on some systems, a FIFO) cannot be opened for reading at all: say what it is.
        mode = os.stat(path).st_mode
        raise InputRefused(path, f"{_file_kind(mode)}: relecloud reads regular files only") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise InputRefused(path, f"{_file_kind(status.st_mode)}: relecloud reads regular files only")
        if status.st_size > limit:
            raise InputRefused(path, _too_large(status.st_size, limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = _read_bounded(handle, limit)
    finally:
        os.close(fd)
    if data is None:  # the file grew while it was read
        raise InputRefused(path, _too_large(None, limit))
    return data


def _read_bounded(stream: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``; None when it holds more."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None


def read_input_text(path: str | os.PathLike, encoding: str = "utf-8", limit: int = MAX_INPUT_BYTES) -> str:
    """``read_input`` decoded; ``UnicodeDecodeError`` when the bytes are not ``encoding``."""
    return read_input(path, limit).decode(encoding)


def read_input_stream(stream: BinaryIO, shown: str = "<stdin>", limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an open stream (standard input), at most ``limit`` of them, else ``InputRefused``."""
    data = _read_bounded(stream, limit)
    if data is None:
        raise InputRefused(shown, _too_large(None, limit))
    return data

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
    import tempfile  # here: it imports random and hashlib, which a validate that writes nothing does not need

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
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The file gets the permissions an ordinary write would give it (0666 less the umask), not the private
    0600 of the temporary file.
    """
    write_atomic_many([(path, data)])


def write_atomic_many(files: Sequence[tuple[Path, bytes | str]]) -> None:
    """Write each of ``files`` (path, data) atomically, as ``write_atomic`` does, in one batch: every file is
    written to a temporary file beside it and made durable, then all are renamed into place in the order given.

    All or nothing: when any step fails (a folder in the way, a full disk, Ctrl-C), every file already replaced
    gets its old content back, every new one is removed, and no temporary file is left. To make that possible
    the old file is kept under a temporary name (a hard link: nothing is copied) until the batch is done. Only
    a crash of the machine or a kill -9 in the middle of the renames can leave a mix of old and new files (and
    the temporary names, ``.NAME.XXXXXXXX.tmp``, beside them).
    """
    mode = 0o666 & ~_umask()
    one_barrier = _SYNC_WAITS and len(files) >= _ONE_BARRIER_FROM
    folders: set[Path] = set()
    staged: list[tuple[str, Path]] = []
    replaced: list[tuple[Path, str | None]] = []  # (target, where its old content is kept; None: it had none)
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
            kept = _keep_old(path)
            try:
                os.replace(tmp, path)
            except BaseException:
                if kept is not None:
                    _discard(kept)
                raise
            replaced.append((path, kept))
    except BaseException:
        for tmp, _ in staged[len(replaced):]:
            _discard(tmp)
        _put_back(replaced)
        raise
    for _, kept in replaced:
        if kept is not None:
            _discard(kept)


def _keep_old(path: Path) -> str | None:
    """Keep the file at ``path`` under a temporary name beside it; that name, or None when there is no file."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    kept = str(path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp"))  # (secrets.token_hex: 5 ms to import)
    if stat.S_ISLNK(status.st_mode):
        os.symlink(os.readlink(path), kept)
    elif stat.S_ISREG(status.st_mode):
        try:
            os.link(path, kept, follow_symlinks=False)
        except OSError:  # a file system without hard links
            import shutil

            shutil.copy2(path, kept)
    else:
        return None  # a pipe or device in the way is replaced, not restored
    return kept


def _put_back(replaced: list[tuple[Path, str | None]]) -> None:
    for path, kept in reversed(replaced):
        try:
            if kept is None:
                os.unlink(path)
            else:
                os.replace(kept, path)
        except OSError:
            pass  # best effort: the other files still go back


class RealPaths:
    """``os.path.realpath`` for many paths, each folder resolved once: a render checks thousands of files in a few
    hundred folders, and resolving a path looks at every folder on its way (one lstat each). The answers are
    realpath's, for as long as no folder on the way changes; a file that is itself a link is resolved whole."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        head, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        folder = self._folders.get(head)
        if folder is None:
            folder = self._folders[head] = os.path.realpath(head)
        return os.path.join(folder, name)


def is_within(child: Path, parent: Path, realpath: Callable[[Path], str] = os.path.realpath) -> bool:
    """True when ``child`` resolves to a place inside ``parent`` (guards against ``..`` and absolute names).
    ``realpath`` may be a ``RealPaths`` that many calls share."""
    try:
        Path(realpath(child)).relative_to(realpath(parent))
    except ValueError:
        return False
    return True
