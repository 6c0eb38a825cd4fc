"""Baselines: adopt the linter in a repository that already has findings, and from then on see only new ones.

``relecloud validate --write-baseline FILE`` records the current findings; ``--baseline FILE`` reports only the
findings that are not in it. A finding is known by its file, rule and message, not by its line, so that edits
elsewhere in a file do not bring its known findings back; the same finding twice in a file is recorded with a
count, so that a third one is new. Paths are stored relative to the baseline file's folder (POSIX separators),
so the file works from any working directory and on any machine that checks out the repository.

The file is JSON, sorted and stable, meant to be committed and reviewed::

    {"version": 1, "findings": [{"path": "infra/main.json", "rule": "W5009", "message": "...", "count": 1}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from relecloud_templates.diagnostics import Diagnostic

VERSION = 1


class BaselineError(ValueError):
    """The baseline file cannot be read or is not one; the message names the file."""


@dataclass
class Filtered:
    new: list[Diagnostic]  # the findings the baseline does not know: the ones to report
    known: int  # findings the baseline accounted for
    gone: int  # baseline entries that no longer occur (fixed): time to write it again


def _key(diagnostic: Diagnostic, base: Path) -> tuple[str, str, str]:
    return _relative(diagnostic.location.path, base), diagnostic.code, diagnostic.message


def _relative(path: str, base: Path) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).resolve().as_posix()


def write(path: Path, diagnostics: list[Diagnostic]) -> str:
    """The baseline document for ``diagnostics``, with paths relative to ``path``'s folder."""
    counts = Counter(_key(d, path.parent) for d in diagnostics)
    findings = [{"path": p, "rule": rule, "message": message, "count": n}
                for (p, rule, message), n in sorted(counts.items())]
    return json.dumps({"version": VERSION, "findings": findings}, indent=2, sort_keys=True,
                      ensure_ascii=True) + "\n"


def read(path: Path) -> Counter[tuple[str, str, str]]:
    """The findings a baseline file records, as counts by (path, rule, message)."""
    from relecloud_templates.fsutil import read_input_text

    try:
        document = json.loads(read_input_text(path))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline written by --write-baseline: {exc}") from None
    entries = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(document, dict) or document.get("version") != VERSION or not isinstance(entries, list):
        raise BaselineError(f"{path}: not a baseline of version {VERSION} written by --write-baseline")
    counts: Counter[tuple[str, str, str]] = Counter()
    for i, entry in enumerate(entries):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("path", "rule", "message"))
                and isinstance(entry.get("count", 1), int) and not isinstance(entry.get("count", 1), bool)):
            raise BaselineError(f"{path}: finding {i + 1} is not {{path, rule, message, count}}")
        counts[(entry["path"], entry["rule"], entry["message"])] += max(0, entry.get("count", 1))
    return counts


def apply(diagnostics: list[Diagnostic], known: Counter[tuple[str, str, str]], path: Path) -> Filtered:
    """The findings the baseline at ``path`` (read as ``known``) does not account for, in their order."""
    left = Counter(known)
    new = []
    for diagnostic in diagnostics:
        key = _key(diagnostic, path.parent)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(diagnostic)
    matched = sum(known.values()) - sum(left.values())
    return Filtered(new=new, known=matched, gone=sum(left.values()))
