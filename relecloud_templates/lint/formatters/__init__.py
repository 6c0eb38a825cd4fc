"""Output formats of `relecloud validate`: text (default), json, sarif, junit.

Each formatter is a function ``format(result, *, color) -> str`` over a ``LintResult``; the output is
deterministic (findings are sorted; no timestamps).
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relecloud_templates.console import printable
from relecloud_templates.diagnostics import Diagnostic

if TYPE_CHECKING:
    from relecloud_templates.lint.runner import LintResult

REPORT_FORMATS = ("text", "json", "sarif", "junit")


def formatter(name: str) -> Callable[..., Any]:
    """The formatter ``name``. Text and JUnit get results made printable (``printable_result``: text goes to
    terminals and files, XML cannot hold control characters or lone surrogates); JSON escapes them itself, without
    loss; SARIF escapes its texts itself and keeps a file name's real bytes in its URIs, percent-encoded."""
    render: Callable[..., Any] = importlib.import_module(f"{__name__}.{name}_format").render
    if name in ("json", "sarif"):
        return render
    return lambda result, **options: render(printable_result(result), **options)


def printable_diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    """The finding with its paths, message and hint printable (``console.printable``: control characters and lone
    surrogates from a template string or a file name escaped), so that every format can encode it."""
    texts = (diagnostic.message, diagnostic.hint, diagnostic.location.path, *(r.path for r in diagnostic.related))
    if all(printable(text) == text for text in texts):
        return diagnostic
    return dataclasses.replace(
        diagnostic, message=printable(diagnostic.message), hint=printable(diagnostic.hint),
        location=dataclasses.replace(diagnostic.location, path=printable(diagnostic.location.path)),
        related=tuple(dataclasses.replace(r, path=printable(r.path)) for r in diagnostic.related))


def printable_result(result: LintResult) -> LintResult:
    """A LintResult whose findings, files, notes and unreadable inputs can all be encoded (``printable``)."""
    return dataclasses.replace(result, diagnostics=[printable_diagnostic(d) for d in result.diagnostics],
                               files=[printable(f) for f in result.files], notes=[printable(n) for n in result.notes],
                               unreadable=[printable(u) for u in result.unreadable])
