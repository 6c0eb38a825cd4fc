"""Approximate text widths, so that the SVG layout can size boxes and shorten labels without a font engine.

The advances are DejaVu Sans's (in ems), the widest of the common sans-serif fonts a browser falls back to: text
measured with them fits in Helvetica, Arial or Segoe UI too. Bold adds a tenth.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

_ADVANCES: dict[str, float] = {}
for chars, advance in (
    ("il.,:;|'!", 0.30), ("jI", 0.30), ("ft", 0.37), ("r()[]{}/\\-", 0.40), (" ", 0.32), ('"', 0.46), ("_", 0.50),
    ("sz", 0.53), ("cvxyk", 0.58), ("aeoL", 0.62), ("bdghnpqu0123456789", 0.64), ("FTYPJ", 0.61),
    ("ESZABKXR", 0.68), ("CVU", 0.71), ("DHNOGQ", 0.77), ("+=<>#~^*", 0.84), ("w&", 0.82), ("mM", 0.95),
    ("%W@", 1.0), ("\u2026\u2192\u2190\u2194", 1.0), ("\u00b7", 0.32),
):
    for char in chars:
        _ADVANCES[char] = advance
DEFAULT_ADVANCE = 0.68
ELLIPSIS = "\u2026"


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The approximate width of ``text`` in pixels at ``size`` pixels."""
    ems = sum(_ADVANCES.get(char, DEFAULT_ADVANCE) for char in text)
    return ems * size * (1.1 if bold else 1.0)


def fit(text: str, size: float, room: float, *, bold: bool = False) -> str:
    """``text``, shortened with an ellipsis when it would be wider than ``room`` pixels."""
    if width(text, size, bold=bold) <= room:
        return text
    budget = room - width(ELLIPSIS, size, bold=bold)
    used = 0.0
    scale = size * (1.1 if bold else 1.0)
    for index, char in enumerate(text):
        used += _ADVANCES.get(char, DEFAULT_ADVANCE) * scale
        if used > budget:
            return text[:index].rstrip() + ELLIPSIS
    return text


def wrap(text: str, size: float, room: float, *, max_lines: int = 3) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``room``; the last line shortened if it is too long."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and width(candidate, size) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [fit(line, size, room) for line in lines]


def xml(text: str) -> str:
    """Text for XML content and attribute values."""
    return escape(text, {'"': "&quot;"})
