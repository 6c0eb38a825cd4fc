"""The Bicep compiler's own golden tests (../shared/corpus/bicep-baselines), read as data for our tests.

Each sample folder holds a source (``main.bicep`` or ``parameters.bicepparam``) and annotated copies of it: every
source line is followed by ``//@[start:end) ...`` lines for what starts on that line (tokens, syntax nodes,
diagnostics). Columns are relative to the start of that line, and ``end`` is ``start`` plus the length, so a
span may run past the line. ``annotations()`` turns them into absolute offsets in the source.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SHARED

BASELINES = SHARED / "corpus" / "bicep-baselines"
_ANNOTATION = re.compile(r"^//@\[(\d+):(\d+)\) (.*)$")
_BREAK = re.compile(r"\r\n|\r|\n")
_LF_ONLY = {"InvalidMultilineString_CRLF"}
_WIDE = re.compile("[\U00010000-\U0010ffff]")  # characters that are two UTF-16 code units


@dataclass(frozen=True)
class Sample:
    folder: Path
    source: Path  # main.bicep or parameters.bicepparam

    @property
    def name(self) -> str:
        return str(self.folder.relative_to(BASELINES))

    @property
    def valid(self) -> bool:
        return not self.folder.name.lower().startswith("invalid")

    def annotated(self, kind: str) -> Path:
        """The annotated copy of the source: kind is tokens, syntax, diagnostics, symbols."""
        return self.folder / f"{self.source.stem}.{kind}{self.source.suffix}"

    @property
    def newline(self) -> str:
        return "\r\n" if self.folder.name.endswith("_CRLF") else "\n"

    def text(self) -> str:
        """The source as the Bicep compiler saw it: ``_CRLF`` samples have CRLF line ends in Bicep's repository
        (the copy here has LF), except one whose baseline shows a bare LF inside a string token."""
        text = self.source.read_bytes().decode("utf-8-sig")
        if self.newline == "\r\n" and self.folder.name not in _LF_ONLY:
            text = re.sub(r"\r?\n", "\r\n", text)
        return text


@functools.cache
def _all_samples() -> tuple[Sample, ...]:
    if not BASELINES.is_dir():
        return ()
    folders = sorted(BASELINES.glob("baselines/*/")) + sorted(BASELINES.glob("baselines_bicepparam/*/")) + \
        sorted(BASELINES.glob("user_submitted/*/*/"))
    found = []
    for folder in folders:
        for name in ("parameters.bicepparam", "main.bicep"):
            if (folder / name).is_file():
                found.append(Sample(folder, folder / name))
                break
    return tuple(found)


def samples(with_annotations: str | None = None) -> list[Sample]:
    """Every sample folder (compiler baselines, parameter-file baselines and user-submitted examples); with
    ``with_annotations``, only those that have that annotated file (tokens, syntax, diagnostics)."""
    return [s for s in _all_samples() if with_annotations is None or s.annotated(with_annotations).is_file()]


def line_starts(text: str, newline: str = "\n") -> list[int]:
    starts, at = [0], text.find(newline)
    while at >= 0:
        starts.append(at + len(newline))
        at = text.find(newline, at + len(newline))
    return starts


def _utf16_to_index(text: str):
    """Bicep counts UTF-16 code units; Python strings count code points. A converter of the former to the latter."""
    if _WIDE.search(text) is None:
        return lambda offset: offset
    table = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) >= 0x10000:
            table.append(index)
    table.append(len(text))
    return lambda offset: table[offset] if offset < len(table) else len(text)


def annotations(sample: Sample, kind: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every annotation of the ``kind`` file, in file order, as offsets in the source."""
    text = sample.text()
    convert = _utf16_to_index(text)
    starts = _utf16_offsets(text, line_starts(text, sample.newline))
    found = []
    line = -1
    annotated = sample.annotated(kind).read_bytes().decode("utf-8-sig")
    if sample.newline == "\r\n" and sample.folder.name not in _LF_ONLY:
        annotated = re.sub(r"\r?\n", "\r\n", annotated)
    for raw in annotated.split(sample.newline):
        match = _ANNOTATION.match(raw)
        if match is None:
            line += 1
            continue
        begin = convert(starts[line] + int(match.group(1)))
        found.append((begin, convert(starts[line] + int(match.group(2))), match.group(3)))
    return found


def _utf16_offsets(text: str, indexes: list[int]) -> list[int]:
    """The UTF-16 offsets of code point indexes (ascending)."""
    wide = [m.start() for m in _WIDE.finditer(text)]
    if not wide:
        return indexes
    out, w = [], 0
    for index in indexes:
        while w < len(wide) and wide[w] < index:
            w += 1
        out.append(index + w)
    return out
