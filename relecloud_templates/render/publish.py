"""Publish a render into its output folder without ever losing the user's work.

What relecloud wrote is what ``plan.json`` records in ``written``: every file of the render with the SHA-256 of
the bytes written. That record is the proof of ownership, and the rules follow from it:

- **Removal** of a file that an earlier render wrote and this one no longer does (a unit or a format dropped)
  only when its bytes still hash to the recorded value, it has the shape of a file render writes in a unit's
  folder (``<unit>/main.json``, ``<unit>/modules/x.bicep``, ...; never at the top of the output folder) and
  no part of its path is ``.git``. A hash alone proves only that the bytes are the same, and whoever crafts a
  plan.json can read the file they want removed: the shape is what keeps ``src/app.py`` safe. A file changed
  since, or listed by a plan without hashes (an older relecloud, or a plan.json that someone else wrote), is kept
  and reported.
- **Unrelated content**: a folder that holds anything relecloud did not write (``README.md``, ``.git``, the
  manifest itself) is refused unless the user says ``--force``; even then nothing unrelated is removed.
- **Another estate's render**: a folder rendered from another manifest that still exists is refused unless
  ``--force``; rendering there would replace that render.
- **Never** written over, even with ``--force``: the manifest and its address record.
- **All or nothing**: every changed file is staged beside its target and renamed into place; when any step
  fails, every file already replaced is put back (``fsutil.write_atomic_many``). The address record is part
  of the same batch.
- **Temporary files** that an interrupted render left (``.main.json.k3j9x0q2.tmp`` beside a file relecloud
  writes) are removed by the next render and reported by ``--check``.
- **One render at a time** per folder: an exclusive lock on the folder itself (``flock``; no lock file is left
  behind). A second render waits for the first, at most ``LOCK_WAIT`` seconds.
- **A render from before environments** (``DIR/plan.json`` and its units' folders, where render now writes
  ``DIR/<env>/``) is removed by the same proof, the files render writes at the top of a folder (the estate's
  picture) included, and its plan.json last; when any of its files is not provably relecloud's, nothing of it
  is removed and the render is refused, saying the commands that move it away (``--force`` renders beside it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from relecloud_templates.diagnostics import CommandError
from relecloud_templates.diagram import RENDER_FILES
from relecloud_templates.fsutil import RealPaths, is_within, read_input, read_input_text, write_atomic_many
from relecloud_templates.render.output import (
    PLAN_FILE,
    UNIT_FILE_PATTERNS,
    RenderedEstate,
    UnsafeOutputPath,
    digest,
    is_unit_folder,
)

LOCK_WAIT = 60.0  # seconds a render waits for another render into the same folder
_LOCK_POLL = 0.05
# The name fsutil's staging gives a temporary file: "." + the target's name + "." + 8 characters + ".tmp".
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
_EXAMPLES = 5  # unrelated entries named in a refusal


@dataclass(frozen=True)
class Previous:
    """What the plan.json already in the output folder records."""

    hashes: dict[str, str] = field(default_factory=dict)  # relative path -> SHA-256 of the bytes relecloud wrote
    listed: frozenset[str] = frozenset()  # every file the plan names (with or without a hash)
    manifest: str | None = None  # the manifest it was rendered from, relative to the folder
    is_plan: bool = False  # the folder's plan.json is a relecloud plan (else it is someone else's file)


def read_previous(out: Path) -> Previous:
    """The record of the plan.json in ``out``; empty when there is none or it is no relecloud plan."""
    try:
        doc = json.loads(read_input_text(out / PLAN_FILE))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # JSON nested past Python's limit, too
        return Previous()
    if not isinstance(doc, dict) or not isinstance(doc.get("units"), list):
        return Previous()
    written = doc.get("written")
    hashes = {p: h for p, h in written.items() if isinstance(p, str) and isinstance(h, str)} \
        if isinstance(written, dict) else {}
    listed: set = set(hashes)
    for unit in doc["units"]:
        if isinstance(unit, dict):
            named = [unit.get("template"), unit.get("parameters")]
            named += unit["files"] if isinstance(unit.get("files"), list) else []
            listed.update(name for name in named if isinstance(name, str))
    manifest = doc.get("manifest") if isinstance(doc.get("manifest"), str) else None
    return Previous(hashes, frozenset(p for p in listed if isinstance(p, str) and _relative(p)), manifest,
                    is_plan=doc.get("version") == 1)


def _relative(path: str) -> bool:
    """A plain relative POSIX path with no '..', no empty or '.' parts, no NUL."""
    parts = path.split("/")
    return bool(path) and "\0" not in path and "\\" not in path and not path.startswith("/") \
        and all(part not in ("", ".", "..") for part in parts)


def removable(relative: str) -> bool:
    """Could relecloud ever have written this path of the output folder? A file of a unit's folder of a shape
    render writes (``UNIT_FILE_PATTERNS``), never anything under ``.git``."""
    path = PurePosixPath(relative)
    parts = path.parts
    if len(parts) < 2 or not is_unit_folder(parts[0]) or any(part.lower() == ".git" for part in parts):
        return False
    inside = PurePosixPath(*parts[1:])
    return any(inside.match(pattern) and len(inside.parts) == len(PurePosixPath(pattern).parts)
               for pattern in UNIT_FILE_PATTERNS)


@dataclass
class Survey:
    """What is in the output folder beside the render."""

    unrelated: list[str] = field(default_factory=list)  # up to _EXAMPLES entries relecloud did not write
    temporary: list[str] = field(default_factory=list)  # leftovers of interrupted renders (relative paths)


def survey(out: Path, ours: set[str], writes: set[str], stop_at_unrelated: bool) -> Survey:
    """Walk ``out``: entries that are not among ``ours`` (relative paths of files relecloud wrote, or that already
    hold what it writes) and temporary files of interrupted renders (beside a file in ``writes | ours``, named
    after it). ``.git`` is reported, never entered."""
    found = Survey()
    related = ours | writes
    folders = {str(PurePosixPath(p).parent) for p in related}
    names = {PurePosixPath(p).name for p in related}
    if not out.is_dir():
        return found
    for root, dirs, files in os.walk(out):
        base = PurePosixPath(Path(root).relative_to(out).as_posix())
        for name in sorted(dirs):
            if name.lower() == ".git" or os.path.islink(os.path.join(root, name)):
                found.unrelated.append(str(base / name) + "/")
        dirs[:] = sorted(d for d in dirs if d.lower() != ".git" and not os.path.islink(os.path.join(root, d)))
        for name in sorted(files):
            relative = str(base / name)
            if relative in ours:
                continue
            temporary = _TEMPORARY.match(name)
            if temporary and temporary["name"] in names and str(base) in folders:
                found.temporary.append(relative)
            else:
                found.unrelated.append(relative)
        if stop_at_unrelated and len(found.unrelated) >= _EXAMPLES:
            break
    found.unrelated = found.unrelated[:_EXAMPLES]
    return found


@dataclass
class Published:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # files of dropped units or formats
    kept: list[str] = field(default_factory=list)  # listed by the old plan but not provably relecloud's
    temporary: list[str] = field(default_factory=list)  # leftovers of interrupted renders, removed
    record_written: bool = False
    retired: list[str] = field(default_factory=list)  # a render from before environments, removed (under DIR)


def target(out: Path, relative: str, realpath: Callable[[Path], str] = os.path.realpath) -> Path:
    path = out / relative
    if not is_within(path, out, realpath):
        raise UnsafeOutputPath(f"{relative!r} would be written outside {out}")
    return path


def _unchanged(path: Path, content: bytes) -> bool:
    try:
        return read_input(path) == content
    except OSError:  # missing, or not a regular file: it will be replaced
        return False


def outdated(rendered: RenderedEstate, out: Path, previous: Previous | None = None) -> list[str]:
    """What a render into ``out`` would change, sorted: files missing or different, files of dropped units that
    it would remove, and temporary files of interrupted renders (``render --check``)."""
    previous = read_previous(out) if previous is None else previous
    found = {relative for relative, content in rendered.files.items()
             if not _unchanged(target(out, relative), content)}
    found.update(relative for relative in _leftovers(rendered, previous) if _provably_ours(out, relative, previous))
    found.update(survey(out, set(previous.listed), set(rendered.files), stop_at_unrelated=False).temporary)
    return sorted(found)


def _leftovers(rendered: RenderedEstate, previous: Previous) -> list[str]:
    return sorted(p for p in previous.listed if p not in rendered.files and p != PLAN_FILE)


def _provably_ours(out: Path, relative: str, previous: Previous, top_level: bool = False) -> bool:
    """The file is one relecloud wrote and nobody changed since (module docstring); with ``top_level``, the files
    render writes at the top of a folder (the estate's picture) count too."""
    recorded = previous.hashes.get(relative)
    if recorded is None or not (removable(relative) or (top_level and relative in RENDER_FILES)):
        return False
    path = out / relative
    if path.is_symlink() or not is_within(path, out):
        return False
    try:
        return digest(read_input(path)) == recorded
    except OSError:
        return False


@contextlib.contextmanager
def folder_lock(out: Path, on_wait: Callable[[], None] | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the folder ``out`` (it must exist) while the block runs; wait for another
    holder at most ``wait`` seconds (default LOCK_WAIT), then refuse. A no-op where flock does not exist."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks on folders; documented in docs/rendering.md
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise CommandError(f"another relecloud render is still writing into {out}; "
                                       "run this again when it has finished") from None
                if not told and on_wait is not None:
                    on_wait()
                    told = True
                time.sleep(_LOCK_POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def publish(rendered: RenderedEstate, out: Path, *, protected: Sequence[Path] = (), force: bool = False,
            manifest: Path | None = None, record: tuple[Path, str] | None = None,
            rerun: Callable[..., str] | None = None, on_wait: Callable[[], None] | None = None) -> Published:
    """Write ``rendered`` into ``out`` by the rules of the module docstring; ``record`` (path, text) is written
    in the same all-or-nothing batch. ``protected`` paths are never written or removed. ``manifest`` is the
    manifest rendered (to tell another estate's render apart). ``rerun(*options, into=None)`` spells the
    command line with extra options or another output folder, for the hints of a refusal. Raises CommandError
    when it refuses, OSError when the system refuses (nothing is changed then)."""
    rerun = rerun or _unspelled
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CommandError(f"cannot write into {out}: it is a file, not a folder",
                           hints=[rerun(into=Path(f"{out}-rendered"))]) from None
    with folder_lock(out, on_wait):
        previous = read_previous(out)
        if manifest is not None:
            refuse_another_estate(out, manifest, force, rerun, previous)
        realpath = RealPaths()  # nothing is written until the batch below: each folder is resolved once
        targets = {relative: target(out, relative, realpath) for relative in rendered.files}
        unchanged = {r for r in targets if _unchanged(targets[r], rendered.files[r])}
        # Ours: what the folder's plan lists, and files that already hold exactly what this render writes. A
        # file at one of render's paths with other bytes and no record (a foreign plan.json) is not.
        ours = set(previous.listed) | unchanged | ({PLAN_FILE} if previous.is_plan else set())
        found = survey(out, ours, set(rendered.files), stop_at_unrelated=not force)
        if found.unrelated and not force:
            _refuse_unrelated(out, found.unrelated, protected, rerun)
        _refuse_protected_and_folders(out, targets, protected, realpath)
        done = Published()
        done.written = sorted((r for r in targets if r not in unchanged),
                              key=lambda r: (r == PLAN_FILE, r))  # plan.json last: it lists the rest
        batch: list[tuple[Path, bytes | str]] = [(targets[r], rendered.files[r]) for r in done.written]
        if record is not None:
            batch.append(record)
            done.record_written = True
        write_atomic_many(batch)
        protected_real = {os.path.realpath(p) for p in protected}
        for relative in _leftovers(rendered, previous):
            if not (out / relative).exists():
                continue
            if _provably_ours(out, relative, previous) and os.path.realpath(out / relative) not in protected_real:
                _remove(out, relative, done.removed)
            else:
                done.kept.append(relative)
        for relative in found.temporary:
            _remove(out, relative, done.temporary)
        _remove_emptied_folders(out, done.removed + done.temporary)
        return done


def retire_flat_render(root: Path, force: bool = False, rerun: Callable[..., str] | None = None,
                       protected: Sequence[Path] = ()) -> list[str]:
    """Remove the render from before environments at the top of ``root`` (its plan.json, and every file it
    records) when relecloud can prove it wrote all of it; return what was removed (relative to ``root``).
    Otherwise raise CommandError with the commands that move it away, or, with ``force``, keep it."""
    rerun = rerun or _unspelled
    if not (root / PLAN_FILE).is_file():
        return []
    with folder_lock(root):
        previous = read_previous(root)
        if not previous.is_plan:
            return []  # someone else's plan.json: not a render of relecloud's to retire
        present = sorted(p for p in previous.listed if p != PLAN_FILE and os.path.lexists(root / p))
        protected_real = {os.path.realpath(p) for p in protected}
        unproven = [p for p in present if not _provably_ours(root, p, previous, top_level=True)
                    or os.path.realpath(root / p) in protected_real]
        if not previous.hashes:
            unproven = unproven or [PLAN_FILE]  # an older relecloud recorded no proof at all
        if unproven:
            if force:
                return []
            _refuse_flat_render(root, present, unproven, rerun)
        removed: list[str] = []
        for relative in present:
            _remove(root, relative, removed)
        _remove_emptied_folders(root, removed)
        _remove(root, PLAN_FILE, removed)  # last: it is the record of the rest
        return removed


def _refuse_flat_render(root: Path, present: list[str], unproven: list[str], rerun: Callable[..., str]) -> None:
    import shlex

    entries = sorted({PLAN_FILE, *(PurePosixPath(p).parts[0] for p in present)})
    aside = Path(f"{root}-before-environments")
    move = (f"mkdir {shlex.quote(str(aside))} && mv "
            + " ".join(shlex.quote(str(root / entry)) for entry in entries) + f" {shlex.quote(str(aside))}/")
    named = ", ".join(unproven[:_EXAMPLES]) + (", ..." if len(unproven) > _EXAMPLES else "")
    raise CommandError(
        f"{root} holds a render from before environments ({root / PLAN_FILE} and its units' folders); render now "
        f"writes {root}/<env>/ and would leave it beside them, where `relecloud deploy {root}` would still find "
        f"it. relecloud cannot prove it wrote {named} (changed since, or recorded without a hash by an older "
        "relecloud), so it removes none of it: move it away (then delete what you do not need), or render beside it",
        hints=[move, rerun("--force") + "   (beside it; deploy then needs --env)"])


def _unspelled(*options: str, into: Path | None = None) -> str:
    return "render again with other options: " + " ".join([*options, *(["-o", str(into)] if into else [])])


def _remove(out: Path, relative: str, into: list[str]) -> None:
    try:
        os.unlink(out / relative)
    except FileNotFoundError:
        return
    into.append(relative)


def _remove_emptied_folders(out: Path, removed: list[str]) -> None:
    folders = {p for relative in removed for p in (out / relative).parents if p != out and is_within(p, out)}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):  # deepest first
        with contextlib.suppress(OSError):  # not empty: files relecloud did not write stay
            folder.rmdir()


def refuse_another_estate(out: Path, manifest: Path, force: bool, rerun: Callable[..., str] | None,
                          previous: Previous | None = None) -> None:
    """CommandError when ``out`` holds the render of another manifest that still exists (unless ``force``)."""
    previous = read_previous(out) if previous is None else previous
    rerun = rerun or _unspelled
    if force or previous.manifest is None:
        return
    earlier = Path(os.path.normpath(out / previous.manifest))
    if not earlier.is_file() or _same(earlier, manifest):
        return
    raise CommandError(
        f"{out} holds the render of another manifest, {earlier}; rendering {manifest} into it would replace "
        "that render",
        hints=[rerun(into=Path(f"{out}-{_stem(manifest)}")), rerun("--force") + "   (replace it)"])


def _refuse_unrelated(out: Path, unrelated: list[str], protected: Sequence[Path], rerun: Callable[..., str]) -> None:
    named = ", ".join(unrelated) + (", ..." if len(unrelated) >= _EXAMPLES else "")
    holds_manifest = any(is_within(p, out) and os.path.exists(p) for p in protected)
    why = " (it is the manifest's own folder)" if holds_manifest else ""
    raise CommandError(
        f"{out} holds files that relecloud did not write{why}: {named}. relecloud renders into a folder of its "
        "own; --force writes beside them (relecloud never removes a file it cannot prove it wrote)",
        hints=[rerun(into=out / "out" if holds_manifest else Path(f"{out}-rendered")), rerun("--force")])


def _refuse_protected_and_folders(out: Path, targets: dict[str, Path], protected: Sequence[Path],
                                  realpath: Callable[[Path], str]) -> None:
    protected_real = {os.path.realpath(p): p for p in protected}
    for path in targets.values():
        real = realpath(path)
        if real in protected_real:
            raise CommandError(f"refusing to write {path}: it is {protected_real[real]}, the manifest or its "
                               "address record", hints=["render into another folder with -o"])
        if os.path.isdir(path) and not os.path.islink(path):
            raise CommandError(f"cannot write {path}: a folder is in the way; nothing was written",
                               hints=[f"move or remove {path}, then render again"])


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _stem(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "estate"
