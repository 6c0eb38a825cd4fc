"""The default format: ``path:line:col: severity ID name: message``, one per line (plus a hint line).

On a terminal (or with --color) findings are grouped by file under a bold header, with colours by
severity; piped, the lines are plain and exactly ``Diagnostic.format()``, so editors and CI annotations parse
them.
"""

from __future__ import annotations

from collections import Counter

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
    """``2 errors, 3 warnings in 5 files``, then one line per rule with findings, the most severe first:
    ``  W2001 unused-parameter: 2``."""
    counts = {"error": 0, "warning": 0, "info": 0}
    by_rule: Counter[tuple[int, str, str]] = Counter()
    for diagnostic in result.diagnostics:
        counts[diagnostic.severity.label] += 1
        by_rule[(-int(diagnostic.severity), diagnostic.code, diagnostic.name)] += 1
    files = len(result.files)
    parts = [f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items() if n]
    found = ", ".join(parts) if parts else "no findings"
    lines = [f"{found} in {files} file{'s' if files != 1 else ''}"]
    lines += [f"  {code} {name}: {n}".rstrip() if name else f"  {code}: {n}"
              for (_, code, name), n in sorted(by_rule.items())]
    if result.unreadable:
        lines.append(f"{len(result.unreadable)} input(s) could not be checked (see the errors above)")
    return "\n".join(lines)
