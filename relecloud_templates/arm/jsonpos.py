"""A JSON parser that keeps the position of every node.

It accepts what Azure Resource Manager accepts: standard JSON plus ``//`` and ``/* */`` comments. Strings are
decoded by the standard library's C scanner, so parsing stays fast on large templates.
"""

from __future__ import annotations

import json.decoder
import re
from dataclasses import dataclass
from typing import Any

from relecloud_templates.located import LineIndex, LocatedDict, LocatedList, Pos

_scanstring = json.decoder.scanstring
_WS = re.compile(r"(?:[ \t\n\r]+|//[^\n]*|/\*(?:[^*]|\*(?!/))*\*/)*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_CONSTANTS = {"true": True, "false": False, "null": None}


@dataclass
class JsonSyntaxError(Exception):
    message: str
    pos: Pos

    def __str__(self) -> str:
        return f"{self.pos.line}:{self.pos.column}: {self.message}"


class _Parser:
    __slots__ = ("text", "lines", "n")

    def __init__(self, text: str):
        self.text = text
        self.lines = LineIndex(text)
        self.n = len(text)

    def fail(self, message: str, offset: int) -> JsonSyntaxError:
        return JsonSyntaxError(message, self.lines.pos(min(offset, self.n)))

    def skip(self, i: int) -> int:
        end = _WS.match(self.text, i).end()
        if self.text.startswith("/*", end):
            raise self.fail("unterminated comment", end)
        return end

    def value(self, i: int) -> tuple[Any, int]:
        text = self.text
        if i >= self.n:
            raise self.fail("unexpected end of input, expected a value", i)
        ch = text[i]
        if ch == '"':
            return self.string(i)
        if ch == "{":
            return self.obj(i)
        if ch == "[":
            return self.arr(i)
        for word, val in _CONSTANTS.items():
            if text.startswith(word, i):
                return val, i + len(word)
        m = _NUMBER.match(text, i)
        if m:
            if m.group(1) or m.group(2):
                return float(m.group(0)), m.end()
            return int(m.group(0)), m.end()
        raise self.fail(f"unexpected character {ch!r}, expected a value", i)

    def string(self, i: int) -> tuple[str, int]:
        try:
            return _scanstring(self.text, i + 1, True)
        except json.decoder.JSONDecodeError as exc:
            raise self.fail(exc.msg.lower(), exc.pos) from None

    def obj(self, start: int) -> tuple[LocatedDict, int]:
        result = LocatedDict()
        result.pos = self.lines.pos(start)
        i = self.skip(start + 1)
        if i < self.n and self.text[i] == "}":
            return result, i + 1
        while True:
            if i >= self.n or self.text[i] != '"':
                raise self.fail("expected a property name in double quotes", i)
            kpos = self.lines.pos(i)
            key, i = self.string(i)
            i = self.skip(i)
            if i >= self.n or self.text[i] != ":":
                raise self.fail(f"expected ':' after property name {key!r}", i)
            i = self.skip(i + 1)
            vpos = self.lines.pos(i)
            val, i = self.value(i)
            if key in result:
                result.duplicate_keys.append((key, kpos))
            result[key] = val
            result.key_pos[key] = kpos
            result.value_pos[key] = vpos
            i = self.skip(i)
            if i < self.n and self.text[i] == ",":
                i = self.skip(i + 1)
                continue
            if i < self.n and self.text[i] == "}":
                return result, i + 1
            raise self.fail("expected ',' or '}' in object", i)

    def arr(self, start: int) -> tuple[LocatedList, int]:
        result = LocatedList()
        result.pos = self.lines.pos(start)
        i = self.skip(start + 1)
        if i < self.n and self.text[i] == "]":
            return result, i + 1
        while True:
            result.item_pos.append(self.lines.pos(i))
            val, i = self.value(i)
            result.append(val)
            i = self.skip(i)
            if i < self.n and self.text[i] == ",":
                i = self.skip(i + 1)
                continue
            if i < self.n and self.text[i] == "]":
                return result, i + 1
            raise self.fail("expected ',' or ']' in array", i)


def loads(text: str) -> Any:
    """Parse JSON (with comments) into located containers; raises JsonSyntaxError with a position."""
    if text.startswith("\ufeff"):
        text = text[1:]
    parser = _Parser(text)
    i = parser.skip(0)
    result, i = parser.value(i)
    i = parser.skip(i)
    if i != parser.n:
        raise parser.fail("unexpected content after the JSON value", i)
    return result
