"""Machine-readable findings: ``{"version": 1, "files": [...], "findings": [...], "summary": {...},
"rules": {ID: count}}``."""

from __future__ import annotations

import json

from relecloud_templates.lint.runner import LintResult


def render(result: LintResult, *, color: bool = False) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    by_rule: dict[str, int] = {}
    for diagnostic in result.diagnostics:
        counts[diagnostic.severity.label] += 1
        by_rule[diagnostic.code] = by_rule.get(diagnostic.code, 0) + 1
    document = {
        "version": 1,
        "files": result.files,
        "findings": [d.to_json() for d in result.diagnostics],
        "summary": counts,
        "rules": by_rule,
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
