"""Output formats of `relecloud validate`: text (default), json, sarif, junit.

Each formatter is a function ``format(result, *, color) -> str`` over a ``LintResult``; the output is
deterministic (findings are sorted; no timestamps).
"""

from __future__ import annotations

import importlib
from typing import Callable

FORMATS = ("text", "json", "sarif", "junit")


def formatter(name: str) -> Callable:
    return importlib.import_module(f"{__name__}.{name}_format").render
