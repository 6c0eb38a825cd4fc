"""ARM model -> Bicep text: the same estate as Bicep source, translated from the ARM document in memory.

``emit_unit(template, parameters)`` gives every file of one unit (``main.bicep``, ``modules/*.bicep``,
``main.bicepparam``); ``check_bicep_syntax(path, text)`` reports Bicep syntax errors as diagnostics.
"""

from __future__ import annotations

from relecloud_templates.bicep.emit import BicepOutput, Note, emit_unit
from relecloud_templates.bicep.syntax import check_bicep_syntax

__all__ = ["BicepOutput", "Note", "emit_unit", "check_bicep_syntax"]
