"""The Bicep front end: ``parse(text)`` gives the syntax tree of a .bicep (or .bicepparam) file and its syntax
errors, as the Bicep compiler would report them (same codes, same spans)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from relecloud_templates.bicep.parser import nodes
from relecloud_templates.bicep.parser.declarations import ParamsParser, Parser, collect_diagnostics
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic, LineMap, Token


@dataclass
class ParseResult:
    text: str
    program: nodes.ProgramSyntax
    tokens: list[Token]
    diagnostics: list[BicepDiagnostic]
    _lines: LineMap | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineMap:
        if self._lines is None:
            self._lines = LineMap(self.text)
        return self._lines


# The parser recurses per nesting level (about ten frames for each bracket); real files nest a few dozen levels.
_RECURSION_LIMIT = 8000
NESTING = "BCP-NESTING"  # not a Bicep code: relecloud's own limit


def parse(text: str, params: bool = False) -> ParseResult:
    """Parse Bicep source (``params=True`` for a .bicepparam file). Never raises on bad input; a leading byte-order
    mark must already be removed."""
    parser = (ParamsParser if params else Parser)(text)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
    try:
        program = parser.program()
    except RecursionError:
        eof = parser.tokens[-1]
        program = nodes.ProgramSyntax([], eof)
        problem = BicepDiagnostic(NESTING, 0, 0, "The file nests brackets, strings or expressions too deeply to parse.")
        return ParseResult(text, program, parser.tokens, [problem])
    finally:
        sys.setrecursionlimit(limit)
    return ParseResult(text, program, parser.tokens, collect_diagnostics(parser, program))


__all__ = ["BicepDiagnostic", "LineMap", "ParseResult", "nodes", "parse"]
