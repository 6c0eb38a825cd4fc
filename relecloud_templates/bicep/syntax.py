"""A tolerant Bicep syntax check for ``relecloud validate``: every error with its line and column, at once.

It checks what any Bicep file must get right whatever its Bicep version: strings (escapes, interpolation,
``'''`` blocks) and comments end, brackets pair up, every top-level line starts a declaration, and a
declaration names its symbol. It does not use pycep-parser: that grammar lags behind Bicep (it rejects
``if (`` inside loops, for one) and would report valid files as broken; pycep-parser stays a test dependency
that proves relecloud's own output parses.
"""

from __future__ import annotations

import re

from relecloud_templates.diagnostics import Diagnostic, Location, Severity

CODE, NAME = "E0001", "parse-error"

_DECLARATIONS = {"targetScope", "metadata", "param", "var", "output", "resource", "module", "type", "func",
                 "import", "using", "extension", "provider", "assert"}
_NAMED = {"param", "var", "output", "resource", "module", "type", "func"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPED = set("\\'nrt$")
_PAIRS = {")": "(", "]": "[", "}": "{"}


class _Scanner:
    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self.i, self.line, self.col = 0, 1, 1
        self.stack: list[tuple[str, int, int]] = []  # open brackets: "(", "[", "{", "${" with their place
        self.problems: list[Diagnostic] = []
        self.line_start = True  # nothing but blanks and comments so far on this line

    def error(self, message: str, line: int, col: int, hint: str = "") -> None:
        self.problems.append(Diagnostic(Severity.ERROR, CODE, f"Bicep syntax: {message}",
                                        Location(self.path, line, col), hint, NAME))

    def advance(self, n: int = 1) -> None:
        for _ in range(n):
            if self.i < len(self.text) and self.text[self.i] == "\n":
                self.line, self.col = self.line + 1, 1
            else:
                self.col += 1
            self.i += 1

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.text[j] if j < len(self.text) else ""

    def run(self) -> list[Diagnostic]:
        while self.i < len(self.text):
            self.step()
        for opener, line, col in self.stack:
            what = "interpolation '${'" if opener == "${" else f"'{opener}'"
            self.error(f"{what} is never closed", line, col)
        return self.problems

    def step(self) -> None:
        ch, text = self.peek(), self.text
        if ch == "\n":
            self.advance()
            self.line_start = True
        elif ch in " \t\r":
            self.advance()
        elif text.startswith("//", self.i):
            while self.i < len(text) and text[self.i] != "\n":
                self.advance()
        elif text.startswith("/*", self.i):
            line, col = self.line, self.col
            end = text.find("*/", self.i + 2)
            if end < 0:
                self.error("comment is never closed", line, col, "end it with */")
                end = len(text) - 2
            self.advance(end + 2 - self.i)
        else:
            if self.line_start and not self.stack:
                self.statement_start()
            self.line_start = False
            self.token()

    def statement_start(self) -> None:
        if self.peek() == "@":
            return
        m = _WORD.match(self.text, self.i)
        word = m.group(0) if m else ""
        if word not in _DECLARATIONS:
            found = repr(word) if word else repr(self.peek())
            self.error(f"expected a declaration (param, var, resource, module, output, ...), found {found}",
                       self.line, self.col, "a value that goes on over several lines must stay inside brackets")
            return
        if word in _NAMED:
            rest = self.text[m.end():].split("\n", 1)[0]
            after = rest.lstrip(" \t")
            name = _WORD.match(after)
            if not name:
                self.error(f"'{word}' must be followed by a symbol name", self.line,
                           self.col + len(word) + (len(rest) - len(after)))

    def token(self) -> None:
        ch = self.peek()
        if ch == "'":
            if self.text.startswith("'''", self.i):
                self.multi_line_string()
            else:
                self.string()
        elif ch in "([{":
            self.stack.append((ch, self.line, self.col))
            self.advance()
        elif ch in ")]}":
            self.close(ch)
        else:
            self.advance()

    def close(self, ch: str) -> None:
        if not self.stack:
            self.error(f"'{ch}' closes nothing", self.line, self.col)
            self.advance()
            return
        opener, line, col = self.stack[-1]
        if opener == "${" and ch == "}":
            self.stack.pop()
            self.advance()
            self.string(resume=True)
            return
        if _PAIRS[ch] != opener:
            self.error(f"'{ch}' does not close the '{opener[-1]}' opened at {line}:{col}", self.line, self.col)
            if any(o == _PAIRS[ch] for o, _, _ in self.stack):
                while self.stack and self.stack[-1][0] != _PAIRS[ch]:
                    self.stack.pop()
                self.stack.pop()
            self.advance()
            return
        self.stack.pop()
        self.advance()

    def string(self, resume: bool = False) -> None:
        """A '...' string; at ``${`` it returns to code and ``close`` resumes it at the matching ``}``."""
        line, col = self.line, self.col
        if not resume:
            self.advance()
        while True:
            ch = self.peek()
            if ch == "" or ch == "\n":
                self.error("string is never closed", line, col, "end it with ' on the same line, or use '''")
                return
            if ch == "\\":
                nxt = self.peek(1)
                if nxt == "u" and self.peek(2) == "{":
                    end = self.text.find("}", self.i)
                    if end < 0 or not re.fullmatch(r"[0-9A-Fa-f]{1,6}", self.text[self.i + 3:end]):
                        self.error("invalid \\u{...} escape", self.line, self.col)
                    self.advance(max(end + 1 - self.i, 2))
                    continue
                if nxt not in _ESCAPED:
                    self.error(f"unknown escape '\\{nxt}' in a string", self.line, self.col,
                               "Bicep knows \\\\ \\' \\n \\r \\t \\$ and \\u{...}")
                self.advance(2)
                continue
            if ch == "$" and self.peek(1) == "{":
                self.stack.append(("${", self.line, self.col))
                self.advance(2)
                return
            self.advance()
            if ch == "'":
                return

    def multi_line_string(self) -> None:
        line, col = self.line, self.col
        end = self.text.find("'''", self.i + 3)
        if end < 0:
            self.error("multi-line string is never closed", line, col, "end it with '''")
            end = len(self.text) - 3
        self.advance(end + 3 - self.i)


def check_bicep_syntax(path: str, text: str) -> list[Diagnostic]:
    """Syntax errors of a Bicep (or .bicepparam) file, all of them, each with its line and column."""
    return _Scanner(path, text.lstrip("\ufeff")).run()
