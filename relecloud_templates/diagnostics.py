"""One diagnostic type for the whole tool.

Manifest errors, lint findings and deploy problems are all ``Diagnostic`` values, so that they print,
serialise to JSON and SARIF, and count towards the exit code the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

# Documented exit codes (README, --help).
EXIT_OK = 0
EXIT_FINDINGS = 1  # validate: error findings; deploy: a unit failed; render --check: output is stale
EXIT_USAGE = 2  # bad manifest, bad usage, unreadable input


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` gives the worst; the values are stable and used in sorting."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


SEVERITY_NAMES = tuple(severity.label for severity in sorted(Severity, reverse=True))  # error, warning, info


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column are 1-based. ``line == 0`` means the file as a whole."""

    path: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str  # a rule ID (lint) or check ID (manifest), e.g. E1001 or M004
    message: str
    location: Location
    hint: str = ""
    name: str = ""  # kebab-case rule or check name, e.g. "unknown-reference"
    related: tuple[Location, ...] = field(default=())

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, -int(self.severity), self.code, self.message)

    def format(self) -> str:
        """The plain one-line form: ``path:line:col: severity CODE name: message (hint: ...)``."""
        head = f"{self.location}: {self.severity.label} {self.code}"
        if self.name:
            head += f" {self.name}"
        text = f"{head}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_json(self) -> dict:
        loc = self.location
        data = {
            "severity": self.severity.label,
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
        }
        if loc.end_line:
            data["endLine"] = loc.end_line
            data["endColumn"] = loc.end_column
        if self.hint:
            data["hint"] = self.hint
        if self.related:
            data["related"] = [{"path": r.path, "line": r.line, "column": r.column} for r in self.related]
        return data


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diagnostics), default=None)


class CommandError(Exception):
    """A problem that ends a command, said in one sentence: what is wrong (``message``), what to run or do
    instead (``hints``, each an exact command where there is one), and the exit code. Commands raise it; the
    command line (cli.py) prints it and exits, the one place that turns errors into exit codes."""

    def __init__(self, message: str, hints: Iterable[str] = (), exit_code: int = EXIT_USAGE):
        super().__init__(message)
        self.message = message
        self.hints = tuple(hints)
        self.exit_code = exit_code


class DiagnosticsError(Exception):
    """Raised by a stage that found problems it cannot go on from; carries all of them, not the first only."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted_diagnostics(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
