"""A tolerant Bicep syntax check for ``relecloud validate``: every error with its line and column, at once.

It checks what any Bicep file must get right whatever its Bicep version: strings (escapes, interpolation,
``'''`` blocks) and comments end, brackets pair up, every top-level line starts a declaration, and a
declaration names its symbol. It does not use pycep-parser: that grammar lags behind Bicep (it rejects
``if (`` inside loops, for one) and would report valid files as broken; pycep-parser stays a test dependency
that proves relecloud's own output parses.

The scanner jumps with regular expressions from one character that matters (a line end, quote, bracket, comment
or escape) to the next, and works in string offsets; lines and columns are computed only for what it reports.
``validate`` runs it over every rendered .bicep file, so a character-by-character loop would dominate it.
"""

from __future__ import annotations

import bisect
import re

from relecloud_templates.diagnostics import Diagnostic, Location, Severity

CODE, NAME = "E0001", "parse-error"

_DECLARATIONS = {"targetScope", "metadata", "param", "var", "output", "resource", "module", "type", "func",
                 "import", "using", "extension", "provider", "assert"}
_NAMED = {"param", "var", "output", "resource", "module", "type", "func"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPED = set("\\'nrt$")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_BLANKS = re.compile(r"[ \t\r]*")
_CODE_MARK = re.compile(r"[\n'()\[\]{}]|/[/*]")  # what changes the scanner's state outside strings
_STRING_MARK = re.compile(r"[\n'\\]|\$\{")  # what ends or interrupts a '...' string
_HEX_ESCAPE = re.compile(r"[0-9A-Fa-f]{1,6}")


class _Scanner:
    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self.i = 0
        self.stack: list[tuple[str, int]] = []  # open brackets: "(", "[", "{", "${" with their offset
        self.problems: list[Diagnostic] = []
        self._line_starts: list[int] | None = None

    def place(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a string offset (every character, tabs included, is one column)."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def error(self, message: str, offset: int, hint: str = "", column_shift: int = 0) -> None:
        line, col = self.place(offset)
        self.problems.append(Diagnostic(Severity.ERROR, CODE, f"Bicep syntax: {message}",
                                        Location(self.path, line, col + column_shift), hint, NAME))

    def run(self) -> list[Diagnostic]:
        text, end = self.text, len(self.text)
        line_start = True  # nothing but blanks and comments so far on this line
        while self.i < end:
            if line_start:
                self.i = _BLANKS.match(text, self.i).end()
                if self.i >= end:
                    break
                if text[self.i] == "\n":
                    self.i += 1
                    continue
                if self.comment():
                    continue
                if not self.stack:
                    self.statement_start()
                line_start = False
                self.token()
                continue
            mark = _CODE_MARK.search(text, self.i)
            if mark is None:
                break
            self.i = mark.start()
            if text[self.i] == "\n":
                self.i += 1
                # Inside brackets a line's first token is no statement start: the fast path goes on.
                line_start = not self.stack
            elif not self.comment():
                self.token()
        for opener, offset in self.stack:
            what = "interpolation '${'" if opener == "${" else f"'{opener}'"
            self.error(f"{what} is never closed", offset)
        return self.problems

    def comment(self) -> bool:
        """Skip a comment starting at the current offset; False if there is none."""
        text, start = self.text, self.i
        if text.startswith("//", start):
            stop = text.find("\n", start)
            self.i = len(text) if stop < 0 else stop
            return True
        if text.startswith("/*", start):
            stop = text.find("*/", start + 2)
            if stop < 0:
                self.error("comment is never closed", start, "end it with */")
                stop = len(text) - 2
            self.i = stop + 2
            return True
        return False

    def statement_start(self) -> None:
        text = self.text
        if text[self.i] == "@":
            return
        m = _WORD.match(text, self.i)
        word = m.group(0) if m else ""
        if word not in _DECLARATIONS:
            found = repr(word) if word else repr(text[self.i])
            self.error(f"expected a declaration (param, var, resource, module, output, ...), found {found}",
                       self.i, "a value that goes on over several lines must stay inside brackets")
            return
        if word in _NAMED:
            stop = text.find("\n", m.end())
            rest = text[m.end():stop if stop >= 0 else len(text)]
            after = rest.lstrip(" \t")
            if not _WORD.match(after):
                self.error(f"'{word}' must be followed by a symbol name", self.i,
                           column_shift=len(word) + len(rest) - len(after))

    def token(self) -> None:
        ch = self.text[self.i]
        if ch == "'":
            if self.text.startswith("'''", self.i):
                self.multi_line_string()
            else:
                self.i += 1
                self.string(self.i - 1)
        elif ch in "([{":
            self.stack.append((ch, self.i))
            self.i += 1
        elif ch in ")]}":
            self.close(ch)
        else:
            self.i += 1

    def close(self, ch: str) -> None:
        if not self.stack:
            self.error(f"'{ch}' closes nothing", self.i)
            self.i += 1
            return
        opener, offset = self.stack[-1]
        if opener == "${" and ch == "}":
            self.stack.pop()
            self.i += 1
            self.string(self.i)
            return
        if _PAIRS[ch] != opener:
            line, col = self.place(offset)
            self.error(f"'{ch}' does not close the '{opener[-1]}' opened at {line}:{col}", self.i)
            if any(o == _PAIRS[ch] for o, _ in self.stack):
                while self.stack and self.stack[-1][0] != _PAIRS[ch]:
                    self.stack.pop()
                self.stack.pop()
            self.i += 1
            return
        self.stack.pop()
        self.i += 1

    def string(self, start: int) -> None:
        """The rest of a '...' string that began (or resumed after an interpolation's ``}``) at ``start``; at
        ``${`` it returns to code and ``close`` resumes it at the matching ``}``."""
        text = self.text
        while True:
            mark = _STRING_MARK.search(text, self.i)
            if mark is None or text[mark.start()] == "\n":
                self.i = len(text) if mark is None else mark.start()
                self.error("string is never closed", start, "end it with ' on the same line, or use '''")
                return
            self.i = mark.start()
            ch = text[self.i]
            if ch == "'":
                self.i += 1
                return
            if ch == "$":
                self.stack.append(("${", self.i))
                self.i += 2
                return
            self.escape()

    def escape(self) -> None:
        text, at = self.text, self.i
        nxt = text[at + 1:at + 2]
        if nxt == "u" and text[at + 2:at + 3] == "{":
            stop = text.find("}", at)
            if stop < 0 or not _HEX_ESCAPE.fullmatch(text, at + 3, stop):
                self.error("invalid \\u{...} escape", at)
            self.i = at + max(stop + 1 - at, 2)
            return
        if nxt not in _ESCAPED:
            self.error(f"unknown escape '\\{nxt}' in a string", at, "Bicep knows \\\\ \\' \\n \\r \\t \\$ and \\u{...}")
        self.i = at + 2

    def multi_line_string(self) -> None:
        start = self.i
        stop = self.text.find("'''", start + 3)
        if stop < 0:
            self.error("multi-line string is never closed", start, "end it with '''")
            stop = len(self.text) - 3
        self.i = stop + 3


def check_bicep_syntax(path: str, text: str) -> list[Diagnostic]:
    """Syntax errors of a Bicep (or .bicepparam) file, all of them, each with its line and column."""
    return _Scanner(path, text.lstrip("\ufeff")).run()
