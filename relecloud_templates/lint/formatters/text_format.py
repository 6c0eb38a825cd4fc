"""The default format: ``path:line:col: severity ID name: message``, one per line (plus a hint line).

On a terminal (or with --color) findings are grouped by file under a bold header, with colours by
severity; piped, the lines are plain and exactly ``Diagnostic.format()``, so editors and CI annotations parse
them.
"""

from __future__ import annotations

from relecloud_templates.console import styled_diagnostic
from relecloud_templates.lint.runner import LintResult


def render(result: LintResult, *, color: bool = False) -> str:
    lines: list[str] = []
    current = None
    for diagnostic in result.diagnostics:
        if color:
            if diagnostic.location.path != current:
                if current is not None:
                    lines.append("")
                current = diagnostic.location.path
            lines.append(styled_diagnostic(diagnostic))
        else:
            lines.append(diagnostic.format())
    return "\n".join(lines) + ("\n" if lines else "")


def summary(result: LintResult) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in result.diagnostics:
        counts[diagnostic.severity.label] += 1
    files = len(result.files)
    parts = [f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items() if n]
    found = ", ".join(parts) if parts else "no findings"
    return f"{found} in {files} file{'s' if files != 1 else ''}"
