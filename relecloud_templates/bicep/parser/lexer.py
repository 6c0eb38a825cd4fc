"""The Bicep lexer: source text -> tokens with their trivia, and the lexical errors, as the Bicep compiler lexes.

Strings are split at interpolation holes (``'a${`` ``}b${`` ``}c'``); a stack of open holes tells a ``}`` that closes
a hole from one that closes an object. Multi-line strings (``'''...'''``) are verbatim; ``$'''...${x}...'''`` (one
or more ``$``) interpolates with as many ``$`` before ``{``. Diagnostics directives (``#disable-next-line``,
``#disable-diagnostics``, ``#restore-diagnostics``) are trivia when they start a line.

Speed matters (``validate`` lexes every .bicep file of a repository): the common tokens are matched with regular
expressions rather than character by character.
"""

from __future__ import annotations

import re

from relecloud_templates.bicep.parser import tokens as t
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic, Token, Trivia

TOO_LONG = f"The identifier is longer than {t.MAX_IDENTIFIER_LENGTH} characters."
_BLANKS = re.compile(r"[ \t]*")
_WORD_START = frozenset("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LINE_COMMENT = re.compile(r"//[^\r\n]*")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTEGER = re.compile(r"[0-9]+")
_NEWLINES = re.compile(r"[\r\n]+")
_PLAIN_STRING = re.compile(r"[^'\\$\r\n]*")  # what a single-line string holds up to something that matters
_HEX = re.compile(r"[0-9A-Fa-f]*")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", "$": "$"}
ESCAPE_LIST = ", ".join(f'"\\{c}"' for c in sorted(_ESCAPES)) + ', "\\u{...}"'

_SIMPLE = {
    "(": t.LEFT_PAREN, ")": t.RIGHT_PAREN, "[": t.LEFT_SQUARE, "]": t.RIGHT_SQUARE, "@": t.AT, ",": t.COMMA,
    ";": t.SEMICOLON, "+": t.PLUS, "-": t.MINUS, "%": t.MODULO, "*": t.ASTERISK, "/": t.SLASH, "^": t.HAT,
}
_PUNCTUATION = {"{": t.LEFT_BRACE, "}": t.RIGHT_BRACE, "(": t.LEFT_PAREN, ")": t.RIGHT_PAREN, "[": t.LEFT_SQUARE,
                "]": t.RIGHT_SQUARE, ",": t.COMMA, "@": t.AT, ";": t.SEMICOLON, "+": t.PLUS, "-": t.MINUS,
                "%": t.MODULO, "*": t.ASTERISK, "^": t.HAT}
_TWO_CHAR = {
    "??": t.DOUBLE_QUESTION, "::": t.DOUBLE_COLON, "!=": t.NOT_EQUALS, "!~": t.NOT_EQUALS_INSENSITIVE,
    "<=": t.LESS_THAN_OR_EQUAL, ">=": t.GREATER_THAN_OR_EQUAL, "==": t.EQUALS, "=~": t.EQUALS_INSENSITIVE,
    "=>": t.ARROW, "&&": t.LOGICAL_AND, "||": t.LOGICAL_OR,
}
_ONE_OF_TWO = {"?": t.QUESTION, ":": t.COLON, "!": t.EXCLAMATION, "<": t.LEFT_CHEVRON, ">": t.RIGHT_CHEVRON,
               "=": t.ASSIGNMENT, "&": t.UNRECOGNIZED, "|": t.PIPE}


def _end(pattern: re.Pattern, text: str, pos: int) -> int:
    """Where a match of a pattern that always matches (``x*``) ends."""
    found = pattern.match(text, pos)
    return found.end() if found else pos


def _matched(pattern: re.Pattern, text: str, pos: int) -> str:
    found = pattern.match(text, pos)
    return found.group() if found else ""


def string_value(token: Token, multiline: bool = False, dollars: int = 0) -> str | None:
    """The value of one string token (its text between the delimiters, escapes decoded); None when malformed."""
    text, kind = token.text, token.type
    if multiline:
        opening = "$" * dollars + "'''"
        start = opening if kind in (t.STRING_COMPLETE, t.STRING_LEFT) else "}"
        end = "'''" if kind in (t.STRING_COMPLETE, t.STRING_RIGHT) else "$" * dollars + "{"
        if len(text) < len(start) + len(end) or not text.startswith(start) or not text.endswith(end):
            return None
        body = text[len(start):len(text) - len(end)]
        if start == opening:
            if body.startswith("\r"):
                body = body[1:]
            if body.startswith("\n"):
                body = body[1:]
        return body
    start = "'" if kind in (t.STRING_COMPLETE, t.STRING_LEFT) else "}"
    end = "'" if kind in (t.STRING_COMPLETE, t.STRING_RIGHT) else "${"
    if len(text) < len(start) + len(end) or not text.startswith(start) or not text.endswith(end):
        return None
    body = text[len(start):len(text) - len(end)]
    if "\\" not in body:
        return None if "'" in body else body
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "'":
            return None
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            return None
        e = body[i + 1]
        if e == "u":
            if body[i + 2:i + 3] != "{":
                return None
            digits = _matched(_HEX, body, i + 3)
            close = i + 3 + len(digits)
            if not digits or body[close:close + 1] != "}" or int(digits, 16) > 0x10FFFF:
                return None
            out.append(chr(int(digits, 16)))
            i = close + 1
            continue
        if e not in _ESCAPES:
            return None
        out.append(_ESCAPES[e])
        i += 2
    value = "".join(out)
    if any("\ud800" <= c <= "\udfff" for c in value):  # \u{D801}\u{DC37}: a UTF-16 pair, one character
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return value


def string_info(first: Token) -> tuple[bool, int]:
    """(multi-line?, number of ``$`` that open an interpolation hole) of a string, from its first token."""
    text = first.text
    multiline = len(text) > 2 and (text[0] == "$" or text[1] == "'")
    dollars = 0
    while multiline and dollars < len(text) and text[dollars] == "$":
        dollars += 1
    return multiline, dollars


class _Hole:
    __slots__ = ("dollars", "multiline", "opening")

    def __init__(self, opening: str, multiline: bool, dollars: int):
        self.opening, self.multiline, self.dollars = opening, multiline, dollars


class Lexer:
    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.tokens: list[Token] = []
        self.diagnostics: list[BicepDiagnostic] = []
        self.holes: list[_Hole] = []
        self.token_start = 0

    def error(self, code: str, start: int, end: int, message: str) -> None:
        self.diagnostics.append(BicepDiagnostic(code, start, end, message))

    def lex(self) -> list[Token]:
        """All tokens, the end-of-file token last. The common tokens are read inline (this loop is hot)."""
        text, n = self.text, self.n
        append = self.tokens.append
        blanks = _BLANKS.match
        word_at = _IDENTIFIER.match
        keywords = t.KEYWORD_TOKENS
        pos = self.pos
        while True:
            pos = blanks(text, pos).end()  # type: ignore[union-attr]  # (always matches)
            leading: tuple = ()
            if pos < n and (text[pos] == "/" or text[pos] == "#"):
                self.pos = pos
                leading = self.leading_trivia()
                pos = self.pos
            if pos >= n:
                append(Token(t.EOF, n, n, "", leading))
                return self.tokens
            c = text[pos]
            if c in _WORD_START:
                end = word_at(text, pos).end()  # type: ignore[union-attr]
                token_text = text[pos:end]
                kind = keywords.get(token_text, t.IDENTIFIER)
                if end - pos > t.MAX_IDENTIFIER_LENGTH:
                    self.error("BCP024", pos, end, TOO_LONG)
            elif (c == "\n" or c == "\r") and not self.holes:
                end = _end(_NEWLINES, text, pos)
                token_text = text[pos:end]
                kind = t.NEWLINE
            elif c in _PUNCTUATION and not (self.holes and (c == "{" or c == "}")):
                end = pos + 1
                token_text = c
                kind = _PUNCTUATION[c]
            else:
                self.pos = self.token_start = pos
                kind = self.scan()
                end = self.pos
                token_text = text[pos:end]
                if kind == t.UNRECOGNIZED:
                    self.unrecognized(pos, end, token_text)
            trailing: tuple = ()
            after = blanks(text, end).end()  # type: ignore[union-attr]
            if after < n and text[after] == "/" and kind != t.NEWLINE:
                self.pos = after
                trailing = self.trailing_comments()
                after = self.pos
            append(Token(kind, pos, end, token_text, leading, trailing))
            pos = after

    def unrecognized(self, start: int, end: int, token_text: str) -> None:
        if token_text == '"':
            self.error("BCP103", start, end, f'The token "{token_text}" is not recognized: Bicep strings use single '
                                              'quotes.')
        else:
            self.error("BCP001", start, end, f'The token "{token_text}" is not recognized.')

    # -- trivia (blanks are skipped, not kept: nothing downstream needs them) --------------------------------
    def leading_trivia(self) -> tuple:
        found: list[Trivia] = []
        text = self.text
        while self.pos < self.n:
            c = text[self.pos]
            if c == " " or c == "\t":
                self.pos = _end(_BLANKS, text, self.pos)
                continue
            if c == "/" and text.startswith("//", self.pos):
                found.append(self.line_comment())
            elif c == "/" and text.startswith("/*", self.pos):
                found.append(self.block_comment())
            elif c == "#" and (keyword := self.directive_here()) is not None:
                # (a directive must start its line, so a comment before it on the line rules it out, as in Bicep)
                found.append(self.directive(keyword))
            else:
                break
        return tuple(found)

    def trailing_comments(self) -> tuple:
        found: list[Trivia] = []
        text = self.text
        while self.pos < self.n:
            c = text[self.pos]
            if c == " " or c == "\t":
                self.pos = _end(_BLANKS, text, self.pos)
            elif c == "/" and text.startswith("//", self.pos):
                found.append(self.line_comment())
            elif c == "/" and text.startswith("/*", self.pos):
                found.append(self.block_comment())
            else:
                break
        return tuple(found)

    def line_comment(self) -> Trivia:
        start = self.pos
        self.pos = _end(_LINE_COMMENT, self.text, start)
        return Trivia(t.LINE_COMMENT, start, self.pos, self.text[start:self.pos])

    def block_comment(self) -> Trivia:
        start = self.pos
        stop = self.text.find("*/", start + 2)
        if stop < 0:
            self.pos = self.n
            self.error("BCP002", start, self.n, "The multi-line comment is never closed; close it with */.")
        else:
            self.pos = stop + 2
        return Trivia(t.BLOCK_COMMENT, start, self.pos, self.text[start:self.pos])

    def directive_here(self) -> str | None:
        """The directive keyword when '#' here starts one: only blanks may precede it on its line."""
        text, pos = self.text, self.pos
        for keyword in t.DIRECTIVES:
            if text.startswith(keyword, pos + 1):
                line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
                if text[line_start:pos].strip(" \t") == "":
                    return keyword
                return None
        return None

    def directive(self, keyword: str) -> Trivia:
        """``#keyword code1 code2``: the codes are words of letters, digits, '_' and '-', separated by blanks."""
        text, n = self.text, self.n
        start = self.pos
        self.pos = start + len(keyword) + 1
        end = self.pos
        mark = self.pos  # where the word being read starts
        codes: list[Token] = []
        while self.pos < n:
            c = text[self.pos]
            if c == "\n" or c == "\r":
                break
            if c.isascii() and (c.isalnum() or c == "_" or c == "-"):
                following = text[self.pos + 1] if self.pos + 1 < n else ""
                self.pos += 1
                if following in (" ", "\t", "\n", "\r", ""):
                    codes.append(Token(t.STRING_COMPLETE, mark, self.pos, text[mark:self.pos]))
                    end = self.pos
                continue
            if c == " " or c == "\t":
                self.pos += 1
                mark = self.pos
                continue
            if self.pos > mark:  # a word ended by some other character, e.g. '|' in "BCP037|"
                codes.append(Token(t.STRING_COMPLETE, mark, self.pos, text[mark:self.pos]))
                end = self.pos
            break
        if not codes:
            self.error("BCP226", mark, self.pos, f'Expected at least one diagnostic code here: "#{keyword} code1 '
                                                 'code2 ...".')
            end = self.pos
        else:
            self.pos = end  # blanks after the last code are ordinary whitespace
        return Trivia(t.DIRECTIVES[keyword], start, end, text[start:end], tuple(c.text for c in codes))

    # -- tokens ---------------------------------------------------------------------------------------------
    def scan(self) -> str:
        text, pos = self.text, self.pos
        if pos >= self.n:
            return t.EOF
        c = text[pos]
        if c == "_" or ("a" <= c <= "z") or ("A" <= c <= "Z"):
            self.pos = _end(_IDENTIFIER, text, pos)
            word = text[pos:self.pos]
            kind = t.KEYWORD_TOKENS.get(word)
            if kind is not None:
                return kind
            if len(word) > t.MAX_IDENTIFIER_LENGTH:
                self.error("BCP024", pos, self.pos, TOO_LONG)
            return t.IDENTIFIER
        if "0" <= c <= "9":
            self.pos = _end(_INTEGER, text, pos)
            return t.INTEGER
        self.pos = pos + 1
        if c == "\n" or c == "\r":
            if self.holes:
                # a line break inside an interpolation hole ends the string (without consuming the break)
                self.pos = pos
                self.error("BCP004", pos, pos, "The string is not closed before the end of the line.")
                self.holes.clear()
                return t.STRING_RIGHT
            self.pos = _end(_NEWLINES, text, pos)
            return t.NEWLINE
        if c == "{":
            if self.holes:
                self.holes.append(_Hole(t.LEFT_BRACE, False, 0))
            return t.LEFT_BRACE
        if c == "}":
            if self.holes:
                hole = self.holes[-1]
                if hole.opening != t.LEFT_BRACE:
                    kind = self.multiline_string(False, hole.dollars) if hole.multiline else self.string_segment(False)
                    if kind == t.STRING_RIGHT:
                        self.holes.pop()
                    return kind
                # as the Bicep lexer does, an object brace opened inside a hole stays on the stack: the next '}'
                # is read as a brace too (so '${{a: b}.a}' is not a well-formed string)
            return t.RIGHT_BRACE
        if c == "'":
            if text.startswith("''", pos + 1):
                self.pos = pos + 3
                return self.multiline_string(True, 0)
            kind = self.string_segment(True)
            if kind == t.STRING_LEFT:
                self.holes.append(_Hole(kind, False, 0))
            return kind
        if c == ".":
            if text.startswith("..", pos + 1):
                self.pos = pos + 3
                return t.ELLIPSIS
            return t.DOT
        if c == "$":
            dollars = 1
            while self.pos < self.n and text[self.pos] == "$":
                self.pos += 1
                dollars += 1
            if text.startswith("'''", self.pos):
                self.pos += 3
                kind = self.multiline_string(True, dollars)
                if kind == t.STRING_LEFT:
                    self.holes.append(_Hole(kind, True, dollars))
                return kind
            return t.UNRECOGNIZED
        simple = _SIMPLE.get(c)
        if simple is not None:
            return simple
        if c in _ONE_OF_TWO:
            double = _TWO_CHAR.get(text[pos:pos + 2])
            if double is not None:
                self.pos = pos + 2
                return double
            return _ONE_OF_TWO[c]
        return t.UNRECOGNIZED

    def string_segment(self, at_start: bool) -> str:
        """Scan one piece of a single-line string; the opening quote or '}' is already consumed."""
        text, n = self.text, self.n
        complete = t.STRING_COMPLETE if at_start else t.STRING_RIGHT
        token_start = self.token_start
        while True:
            self.pos = _end(_PLAIN_STRING, text, self.pos)
            if self.pos >= n:
                self.error("BCP003", token_start, self.pos, "The string is not closed; close it with a single quote.")
                return complete
            c = text[self.pos]
            if c == "\n" or c == "\r":
                self.error("BCP004", token_start, self.pos, "The string is not closed before the end of the line.")
                return complete
            escape_start = self.pos
            self.pos += 1
            if c == "'":
                return complete
            if c == "$":
                if self.pos < n and text[self.pos] == "{":
                    self.pos += 1
                    return t.STRING_LEFT if at_start else t.STRING_MIDDLE
                continue
            # a backslash escape
            if self.pos >= n:
                self.error("BCP005", token_start, self.pos,
                           "The string is not closed: finish the escape sequence and close the string with a quote.")
                return complete
            e = text[self.pos]
            self.pos += 1
            if e == "u":
                if self.pos >= n:
                    continue
                if text[self.pos] != "{":
                    self.invalid_unicode(escape_start)
                    continue
                self.pos += 1
                if self.pos >= n:
                    continue
                digits = _matched(_HEX, text, self.pos)
                self.pos += len(digits)
                if self.pos >= n:
                    continue
                if not digits or text[self.pos] != "}":
                    self.invalid_unicode(escape_start)
                    continue
                self.pos += 1
                if int(digits, 16) > 0x10FFFF:
                    self.invalid_unicode(escape_start)
            elif e not in _ESCAPES:
                self.error("BCP006", self.pos - 2, self.pos,
                           f"The escape sequence is not recognized; Bicep knows {ESCAPE_LIST}.")

    def invalid_unicode(self, start: int) -> None:
        self.error("BCP133", start, self.pos, "The Unicode escape is not valid: write \\u{0} to \\u{10FFFF}.")

    def multiline_string(self, at_start: bool, dollars: int) -> str:
        """Scan a multi-line string (or one piece of it, between interpolation holes)."""
        text, n = self.text, self.n
        while self.pos < n:
            c = text[self.pos]
            if c == "$":
                run = self.pos
                while self.pos < n and text[self.pos] == "$":
                    self.pos += 1
                if dollars > 0 and self.pos - run >= dollars and self.pos < n and text[self.pos] == "{":
                    self.pos += 1
                    return t.STRING_LEFT if at_start else t.STRING_MIDDLE
            elif c == "'":
                run = self.pos
                while self.pos < n and text[self.pos] == "'":
                    self.pos += 1
                if self.pos - run >= 3:
                    return t.STRING_COMPLETE if at_start else t.STRING_RIGHT
            else:
                stop = _end(_MULTILINE_PLAIN, text, self.pos)
                self.pos = stop if stop > self.pos else self.pos + 1
        self.error("BCP140", self.token_start, self.pos, "The multi-line string is never closed; close it with '''.")
        return t.STRING_COMPLETE if at_start else t.STRING_RIGHT


_MULTILINE_PLAIN = re.compile(r"[^$']+")


def lex(text: str) -> tuple[list[Token], list[BicepDiagnostic]]:
    lexer = Lexer(text)
    lexer.lex()
    return lexer.tokens, lexer.diagnostics
