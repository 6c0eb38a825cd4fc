"""JUnit XML for CI systems that show test reports (Azure DevOps, GitLab, Jenkins): one test case per file,
failed when it has error-level findings; every finding is listed in the case's output."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from relecloud_templates.diagnostics import Severity
from relecloud_templates.lint.runner import LintResult


def render(result: LintResult, *, color: bool = False) -> str:
    by_file: dict[str, list[Any]] = {path: [] for path in result.files}
    for diagnostic in result.diagnostics:
        by_file.setdefault(diagnostic.location.path, []).append(diagnostic)
    failures = sum(1 for found in by_file.values() if any(d.severity == Severity.ERROR for d in found))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="relecloud validate" tests="{len(by_file)}" failures="{failures}">',
             f'  <testsuite name="relecloud validate" tests="{len(by_file)}" failures="{failures}" errors="0">']
    for path in sorted(by_file):
        found = by_file[path]
        errors = [d for d in found if d.severity == Severity.ERROR]
        lines.append(f"    <testcase classname={quoteattr('relecloud.validate')} name={quoteattr(path)}>")
        if errors:
            lines.append(f"      <failure message={quoteattr(f'{len(errors)} error(s)')} type=\"lint\">"
                         + escape("\n".join(d.format() for d in errors)) + "</failure>")
        if found:
            lines.append("      <system-out>" + escape("\n".join(d.format() for d in found)) + "</system-out>")
        lines.append("    </testcase>")
    lines += ["  </testsuite>", "</testsuites>"]
    return "\n".join(lines) + "\n"
