"""Tokens, trivia, spans and the Bicep diagnostics the front end reports.

Positions are character offsets into the source text (``start`` inclusive, ``end`` exclusive), as the Bicep
compiler counts them; ``LineMap`` turns an offset into a 1-based line and column only when a message needs it.
Token kinds carry the names the Bicep compiler gives them (``Identifier``, ``StringLeftPiece``, ...), so that a
token stream can be compared with the compiler's own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Token kinds -------------------------------------------------------------------------------------------------
AT = "At"
UNRECOGNIZED = "Unrecognized"
LEFT_BRACE, RIGHT_BRACE = "LeftBrace", "RightBrace"
LEFT_PAREN, RIGHT_PAREN = "LeftParen", "RightParen"
LEFT_SQUARE, RIGHT_SQUARE = "LeftSquare", "RightSquare"
LEFT_CHEVRON, RIGHT_CHEVRON = "LeftChevron", "RightChevron"
COMMA, DOT, ELLIPSIS = "Comma", "Dot", "Ellipsis"
QUESTION, DOUBLE_QUESTION = "Question", "DoubleQuestion"
COLON, DOUBLE_COLON, SEMICOLON = "Colon", "DoubleColon", "Semicolon"
ASSIGNMENT, ARROW = "Assignment", "Arrow"
PLUS, MINUS, ASTERISK, SLASH, MODULO, HAT = "Plus", "Minus", "Asterisk", "Slash", "Modulo", "Hat"
EXCLAMATION = "Exclamation"
LESS_THAN_OR_EQUAL, GREATER_THAN_OR_EQUAL = "LessThanOrEqual", "GreaterThanOrEqual"
EQUALS, NOT_EQUALS = "Equals", "NotEquals"
EQUALS_INSENSITIVE, NOT_EQUALS_INSENSITIVE = "EqualsInsensitive", "NotEqualsInsensitive"
LOGICAL_AND, LOGICAL_OR, PIPE = "LogicalAnd", "LogicalOr", "Pipe"
IDENTIFIER, INTEGER = "Identifier", "Integer"
STRING_COMPLETE, STRING_LEFT, STRING_MIDDLE, STRING_RIGHT = (
    "StringComplete", "StringLeftPiece", "StringMiddlePiece", "StringRightPiece")
TRUE, FALSE, NULL = "TrueKeyword", "FalseKeyword", "NullKeyword"
NEWLINE, EOF = "NewLine", "EndOfFile"

KEYWORD_TOKENS = {"true": TRUE, "false": FALSE, "null": NULL}

# Trivia kinds
WHITESPACE = "Whitespace"
LINE_COMMENT = "SingleLineComment"
BLOCK_COMMENT = "MultiLineComment"
DISABLE_NEXT_LINE = "DisableNextLineDiagnosticsDirective"
DISABLE_DIAGNOSTICS = "DisableDiagnosticsDirective"
RESTORE_DIAGNOSTICS = "RestoreDiagnosticsDirective"
DIRECTIVES = {"disable-next-line": DISABLE_NEXT_LINE, "disable-diagnostics": DISABLE_DIAGNOSTICS,
              "restore-diagnostics": RESTORE_DIAGNOSTICS}

MAX_IDENTIFIER_LENGTH = 255


class Trivia:
    """Whitespace, a comment or a diagnostics directive; ``codes`` are a directive's diagnostic codes."""

    __slots__ = ("codes", "end", "start", "text", "type")

    def __init__(self, type_: str, start: int, end: int, text: str, codes: tuple = ()):
        self.type, self.start, self.end, self.text, self.codes = type_, start, end, text, codes

    @property
    def is_comment(self) -> bool:
        return self.type == LINE_COMMENT or self.type == BLOCK_COMMENT

    def __repr__(self) -> str:
        return f"Trivia({self.type}, {self.start}, {self.end}, {self.text!r})"


class Token:
    __slots__ = ("end", "leading", "start", "text", "trailing", "type")

    def __init__(self, type_: str, start: int, end: int, text: str, leading: tuple = (), trailing: tuple = ()):
        self.type, self.start, self.end, self.text = type_, start, end, text
        self.leading, self.trailing = leading, trailing

    kind = "Token"

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def __repr__(self) -> str:
        return f"Token({self.type}, {self.start}, {self.end}, {self.text!r})"


@dataclass(frozen=True)
class BicepDiagnostic:
    """A problem the Bicep front end found: a Bicep code (``BCP057``) or a linter rule name, a span, a message."""

    code: str
    start: int
    end: int
    message: str
    level: str = "Error"  # Error | Warning | Info, as Bicep levels them


class LineMap:
    """Offsets to 1-based (line, column); a ``\\r\\n`` or a lone ``\\r`` or ``\\n`` ends a line."""

    _BREAK = re.compile(r"\r\n|\r|\n")

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in self._BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_start(self, offset: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]
