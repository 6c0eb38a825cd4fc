"""The round trip of generated Bicep: Bicep that relecloud wrote from an ARM template, compiled back to ARM by
relecloud's Bicep compiler (what ``relecloud build`` does), must be equivalent to that template. ``render --check``
runs it on every rendered unit, ``decompile`` on what it writes; the tests run it on the example estate.

Equivalent means: no Bicep error, and no difference after normalising what does not change what ARM deploys
(``compiler.equivalence``: formatting, key order, metadata, and the ARM spellings of one value that relecloud's
renderer and the Bicep compiler write differently, such as the ID of a resource in another resource group).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from relecloud_templates.bicep.compiler import Compilation, Compiler
from relecloud_templates.bicep.compiler.equivalence import VersionTolerance, differences
from relecloud_templates.bicep.compiler.filesystem import MemoryFiles

TOLERANCE = VersionTolerance(arm_spelling=True)
SHOWN = 5  # differences listed per file (the count says how many there are)


@dataclass(frozen=True)
class Mismatch:
    """One way the Bicep does not compile back to its template: a Bicep error (``file``:``line``:``column``) or
    a difference at ``path`` of the template (``compiled`` is what the Bicep gives, ``original`` the template's)."""

    file: str
    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.message}"


def build(path: Path, files: Mapping[str, bytes | str] | None = None, root: Path | None = None) -> Compilation:
    """Compile the Bicep file at ``path`` (and its modules): from disk, or from ``files`` (POSIX paths relative to
    ``root`` -> content) when given, without writing anything."""
    if files is None:
        return Compiler().compile_file(path)
    folder = root if root is not None else path.parent
    memory = MemoryFiles({name: data.encode("utf-8") if isinstance(data, str) else data
                          for name, data in files.items()}, folder)
    return Compiler(memory).compile_file(path)


def compare(template: Any, bicep: Path, files: Mapping[str, bytes | str] | None = None,
            root: Path | None = None) -> list[Mismatch]:
    """How the Bicep file ``bicep`` (with its modules; see ``build``) fails to compile back to ``template``."""
    compilation = build(bicep, files, root)
    found = [_error(problem, owner) for problem, owner in compilation.problems() if problem.level == "Error"]
    if found:
        return found[:SHOWN] + ([Mismatch(str(bicep), f"... and {len(found) - SHOWN} more errors")]
                                if len(found) > SHOWN else [])
    shown = str(bicep)
    diffs = differences(compilation.template, template, TOLERANCE, limit=SHOWN + 1)
    found = [Mismatch(shown, f"{path or '/'}: the Bicep gives {_brief(ours)}, the template has {_brief(theirs)}")
             for path, ours, theirs in diffs[:SHOWN]]
    if len(diffs) > SHOWN:
        found.append(Mismatch(shown, "... and more differences"))
    return found


def check_render(files: Mapping[str, bytes], root: Path) -> list[Mismatch]:
    """The round trip of every unit of a render (``files``: POSIX paths relative to ``root`` -> content): each
    ``<unit>/main.bicep`` beside a ``<unit>/main.json``."""
    found: list[Mismatch] = []
    for name in sorted(files):
        relative = PurePosixPath(name)
        if relative.name != "main.bicep":
            continue
        arm = str(relative.with_name("main.json"))
        if arm not in files:
            continue
        try:
            template = json.loads(files[arm])
        except ValueError as exc:
            found.append(Mismatch(str(root / arm), f"not JSON: {exc}"))
            continue
        found += _unit(template, root / name, files, root, str(relative.parent))
    return found


# A unit's files (digest of their names relative to the render's folder, and contents) -> its mismatches, each file
# named relative to that folder: a process checks a unit once, also when another folder holds the same render (the
# Bicep is compiled from the files given, never from disk, so where they would be written changes nothing but names).
_CHECKED: dict[str, list[Mismatch]] = {}


def _unit(template: Any, bicep: Path, files: Mapping[str, bytes], root: Path, folder: str) -> list[Mismatch]:
    prefix = "" if folder == "." else folder + "/"
    digest = hashlib.sha256(bicep.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
    for name in sorted(files):
        if name.startswith(prefix) and name.endswith((".bicep", ".json")):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0" + files[name] + b"\0")
    key = digest.hexdigest()
    anywhere = _CHECKED.get(key)
    if anywhere is not None:
        return [replace(m, file=str(root / m.file)) for m in anywhere]
    here = key + "\0" + str(root)  # mismatches naming a file outside ``root``: kept for this folder only
    if here not in _CHECKED:
        if len(_CHECKED) > 512:
            _CHECKED.clear()
        found = compare(template, bicep, files, root)
        inside = str(root) + os.sep
        if all(m.file.startswith(inside) for m in found):
            _CHECKED[key] = [replace(m, file=m.file[len(inside):]) for m in found]
            return found
        _CHECKED[here] = found
    return _CHECKED[here]


def _error(problem: Any, owner: Compilation) -> Mismatch:
    line, column = owner.lines.position(problem.start)
    return Mismatch(str(owner.path), f"{problem.code}: {problem.message}", line, column)


def _brief(value: Any, width: int = 160) -> str:
    text = "nothing" if value == "<absent>" else repr(value)
    return text if len(text) <= width else text[:width - 3] + "..."
