"""Output formats of `relecloud validate`: text (default), json, sarif, junit.

Each formatter is a function ``format(result, *, color) -> str`` over a ``LintResult``; the output is
deterministic (findings are sorted; no timestamps).
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from typing import Callable

from relecloud_templates.diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "junit")


def formatter(name: str) -> Callable:
    """The formatter ``name``, given results that can be encoded in any output (``printable_result``). SARIF gets
    them as found and escapes its texts itself: its URIs keep a file name's real bytes, percent-encoded."""
    render = importlib.import_module(f"{__name__}.{name}_format").render
    if name == "sarif":
        return render
    return lambda result, **options: render(printable_result(result), **options)


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every lone UTF-16 surrogate written as an escape, so that it can be encoded in any output:
    a byte of a file name that is not UTF-8 (kept by Python as U+DC80..U+DCFF) as ``\\xNN``, a ``\\uDFFF``
    escape from a JSON string as ``\\udfff``. The text itself when it holds none."""
    if text.isascii() or not _SURROGATE.search(text):
        return text

    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escape, text)


def printable_diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    """The finding with its paths, message and hint printable (see ``printable``); itself when they are."""
    texts = (diagnostic.message, diagnostic.hint, diagnostic.location.path, *(r.path for r in diagnostic.related))
    if all(printable(text) is text for text in texts):
        return diagnostic
    return dataclasses.replace(
        diagnostic, message=printable(diagnostic.message), hint=printable(diagnostic.hint),
        location=dataclasses.replace(diagnostic.location, path=printable(diagnostic.location.path)),
        related=tuple(dataclasses.replace(r, path=printable(r.path)) for r in diagnostic.related))


def printable_result(result):
    """A LintResult whose findings, files, notes and unreadable inputs can all be encoded (``printable``)."""
    return dataclasses.replace(result, diagnostics=[printable_diagnostic(d) for d in result.diagnostics],
                               files=[printable(f) for f in result.files], notes=[printable(n) for n in result.notes],
                               unreadable=[printable(u) for u in result.unreadable])
