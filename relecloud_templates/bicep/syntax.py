"""The Bicep syntax check behind ``relecloud validate``: every syntax error of a .bicep or .bicepparam file, with
its Bicep code (``BCP018``), line and column, at once. The parser is the full Bicep front end
(``bicep.parser``), so it accepts everything the Bicep compiler accepts and reports errors where Bicep does."""

from __future__ import annotations

from relecloud_templates.bicep.parser import BicepDiagnostic, LineMap, parse
from relecloud_templates.diagnostics import Diagnostic, Location, Severity

CODE, NAME = "E0001", "parse-error"


def located(path: str, lines: LineMap, problem: BicepDiagnostic, code: str = CODE, name: str = NAME,
            severity: Severity = Severity.ERROR) -> Diagnostic:
    """A Bicep front-end problem as a relecloud diagnostic, with the Bicep code leading the message."""
    line, column = lines.position(problem.start)
    end_line, end_column = lines.position(problem.end)
    return Diagnostic(severity, code, f"{problem.code}: {problem.message}",
                      Location(path, line, column, end_line, end_column), "", name)


def check_bicep_syntax(path: str, text: str) -> list[Diagnostic]:
    """Syntax errors of a Bicep (or .bicepparam) file, all of them, each with its line and column."""
    text = text.lstrip("\ufeff")
    result = parse(text, params=path.lower().endswith(".bicepparam"))
    return [located(path, result.lines, problem) for problem in result.diagnostics]
