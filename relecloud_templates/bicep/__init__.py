"""ARM model -> Bicep text: the same estate as Bicep source, translated from the ARM document in memory.

``emit_unit(template, parameters)`` gives every file of one unit (``main.bicep``, ``modules/*.bicep``,
``main.bicepparam``); ``check_bicep_syntax(path, text)`` reports Bicep syntax errors as diagnostics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from relecloud_templates.bicep.emit import BicepOutput, Note, emit_unit
    from relecloud_templates.bicep.syntax import check_bicep_syntax

__all__ = ["BicepOutput", "Note", "check_bicep_syntax", "emit_unit"]
_HOMES = {"BicepOutput": "emit", "Note": "emit", "emit_unit": "emit", "check_bicep_syntax": "syntax"}


def __getattr__(name: str) -> Any:
    """The translator loads when first asked for: validate uses this package's compiler and lint, not the
    translator, and a module of a package is imported only after its package."""
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
