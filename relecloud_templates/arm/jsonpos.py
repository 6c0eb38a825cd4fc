"""A JSON parser that keeps the position of every node.

It accepts what Azure Resource Manager accepts: standard JSON plus ``//`` and ``/* */`` comments, and raw
control characters (newlines, tabs) inside strings, which deployment scripts carry. Strings are decoded by the
standard library's C scanner, so parsing stays fast on large templates. ``decode(data)`` turns a file's bytes into
text as the Azure tools read templates: UTF-8, or UTF-16/UTF-32 when a byte order mark says so.

Positions are wanted only for the few nodes that a finding points at, while ``relecloud validate`` parses every
file of an estate. So a document that the standard library's C parser accepts as it is (no comments, no
repeated keys, no NaN) is parsed by it, and its containers learn their positions on first use: the first
``pos``, ``key_pos``, ``value_pos`` or ``item_pos`` asked of any of them parses the text once more with the
positional parser below and hands every container its own. Anything else takes the positional parser at once,
which also reports syntax errors at their line and column.
"""

from __future__ import annotations

import json
import json.decoder
import re
from dataclasses import dataclass
from typing import Any

from relecloud_templates.located import NOWHERE, LineIndex, LocatedDict, LocatedList, Pos

_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]  # public, though not in the stubs
_WS = re.compile(r"(?:[ \t\n\r]+|//[^\n]*|/\*(?:[^*]|\*(?!/))*\*/)*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_CONSTANTS = {"true": True, "false": False, "null": None}
# Hostile input stays a located syntax error, never a RecursionError or ValueError: containers nest at most
# this deep (real templates stay far below; everything that walks a document recursively stays in bounds),
# and integers have at most Python's digit limit for converting text (far beyond any 64-bit ARM integer).
MAX_DEPTH = 128
MAX_INT_DIGITS = 4300


@dataclass
class JsonSyntaxError(Exception):
    message: str
    pos: Pos

    def __str__(self) -> str:
        return f"{self.pos.line}:{self.pos.column}: {self.message}"


class EncodingError(JsonSyntaxError):
    """The bytes are not text in an encoding the Azure tools read (UTF-8, or UTF-16/32 with a byte order mark)."""


# Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes) -> str:
    """The text of a template or parameters file as Azure CLI and PowerShell read it: by its byte order mark
    (UTF-8, UTF-16 as PowerShell writes by default, UTF-32), else UTF-8. Raises ``EncodingError`` located at the
    first byte that does not decode, with the hint to save the file as UTF-8."""
    encoding, start = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, start = name, len(bom)
            break
    try:
        return data[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        good = data[start:start + exc.start].decode(encoding, errors="replace")
        pos = LineIndex(good).pos(len(good))
        bad = data[start + exc.start:start + exc.start + 1].hex()
        raise EncodingError(f"not {encoding.upper().replace('-LE', '').replace('-BE', '')} text: byte 0x{bad} "
                            "cannot be decoded (Azure reads templates as UTF-8, or UTF-16 with a byte order mark)",
                            pos) from None


class _Parser:
    __slots__ = ("depth", "lines", "n", "text")

    def __init__(self, text: str):
        self.text = text
        self.lines = LineIndex(text)
        self.n = len(text)
        self.depth = 0

    def fail(self, message: str, offset: int) -> JsonSyntaxError:
        return JsonSyntaxError(message, self.lines.pos(min(offset, self.n)))

    def skip(self, i: int) -> int:
        found = _WS.match(self.text, i)
        end = found.end() if found is not None else i  # the pattern matches the empty string: never None
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
        if ch in "{[":
            if self.depth >= MAX_DEPTH:
                raise self.fail(f"JSON nested more than {MAX_DEPTH} levels deep", i)
            self.depth += 1
            try:
                return self.obj(i) if ch == "{" else self.arr(i)
            finally:
                self.depth -= 1
        for word, val in _CONSTANTS.items():
            if text.startswith(word, i):
                return val, i + len(word)
        m = _NUMBER.match(text, i)
        if m:
            if m.group(1) or m.group(2):
                return float(m.group(0)), m.end()
            digits = len(m.group(0).lstrip("-"))
            if digits > MAX_INT_DIGITS:
                raise self.fail(f"an integer of {digits} digits (at most {MAX_INT_DIGITS})", i)
            return int(m.group(0)), m.end()
        raise self.fail(f"unexpected character {ch!r}, expected a value", i)

    def string(self, i: int) -> tuple[str, int]:
        try:
            scanned: tuple[str, int] = _scanstring(self.text, i + 1, False)  # raw newlines and tabs: ARM accepts them
            return scanned
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


class _NeedsPositionalParser(Exception):
    """The C parser would accept what the positional parser rejects (NaN) or would lose a repeated key."""


class _Positions:
    """The positions of one document parsed by the C parser, computed for all its containers at first use."""

    __slots__ = ("located", "root", "text")

    def __init__(self, text: str):
        self.text, self.root, self.located = text, None, False

    def locate(self) -> None:
        if self.located:
            return
        self.located = True
        try:
            positioned = _parse(self.text)
        except (JsonSyntaxError, RecursionError):  # cannot happen for text the C parser accepted; stay usable
            positioned = None
        pending = [(self.root, positioned)]
        while pending:
            node, twin = pending.pop()
            if isinstance(node, _LazyDict):
                same = isinstance(twin, LocatedDict)
                node.pos = twin.pos if same else NOWHERE
                node.key_pos = twin.key_pos if same else {}
                node.value_pos = twin.value_pos if same else {}
                pending.extend((value, twin.get(key) if same else None) for key, value in node.items()
                               if isinstance(value, (_LazyDict, _LazyList)))
            elif isinstance(node, _LazyList):
                same = isinstance(twin, LocatedList) and len(twin) == len(node)
                node.pos = twin.pos if same else NOWHERE
                node.item_pos = twin.item_pos if same else [NOWHERE] * len(node)
                pending.extend((value, twin[i] if same else None) for i, value in enumerate(node)
                               if isinstance(value, (_LazyDict, _LazyList)))


class _LazyDict(LocatedDict):
    """A LocatedDict whose position slots stay empty until one is read (see the module's docstring)."""

    __slots__ = ("_positions",)

    def __init__(self, pairs: list[Any], positions: _Positions):
        dict.__init__(self, pairs)  # not LocatedDict.__init__: that would fill the position slots
        self._positions = positions
        self.duplicate_keys = []

    def __getattr__(self, name: str) -> Any:  # Python calls it only for a slot not filled yet
        if name not in ("pos", "key_pos", "value_pos"):
            raise AttributeError(name)
        self._positions.locate()
        if not _filled(self, name):  # taken out of its document before
            self.pos, self.key_pos, self.value_pos = NOWHERE, {}, {}
        return object.__getattribute__(self, name)


class _LazyList(LocatedList):
    __slots__ = ("_positions",)

    def __init__(self, items: list[Any], positions: _Positions):
        list.__init__(self, items)  # not LocatedList.__init__: that would fill the position slots
        self._positions = positions

    def __getattr__(self, name: str) -> Any:
        if name not in ("pos", "item_pos"):
            raise AttributeError(name)
        self._positions.locate()
        if not _filled(self, name):  # taken out of its document before
            self.pos, self.item_pos = NOWHERE, [NOWHERE] * len(self)
        return object.__getattribute__(self, name)


def _filled(node: Any, slot: str) -> bool:
    try:
        object.__getattribute__(node, slot)
    except AttributeError:
        return False
    return True


def _refuse_constant(name: str) -> Any:
    raise _NeedsPositionalParser(name)


def _loads_fast(text: str) -> Any:
    positions = _Positions(text)

    def mapping(pairs: list[Any]) -> _LazyDict:
        result = _LazyDict(pairs, positions)
        if len(result) != len(pairs):
            raise _NeedsPositionalParser("repeated key")
        return result

    def lists(value: Any, depth: int = 1) -> Any:  # the C parser has no hook for arrays
        if depth > MAX_DEPTH:
            raise _NeedsPositionalParser("nested too deep")  # which reports where
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    value[key] = lists(item, depth + 1)
            return value
        if isinstance(value, list):
            return _LazyList([lists(v, depth + 1) if isinstance(v, (dict, list)) else v for v in value], positions)
        return value

    positions.root = lists(json.loads(text, object_pairs_hook=mapping, parse_constant=_refuse_constant, strict=False))
    return positions.root


def loads(text: str) -> Any:
    """Parse JSON (with comments) into located containers; raises JsonSyntaxError with a position."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return _loads_fast(text)
    except (ValueError, RecursionError, _NeedsPositionalParser):
        return _parse(text)  # raises the located syntax error, or keeps what only ARM's dialect allows


def _parse(text: str) -> Any:
    parser = _Parser(text)
    i = parser.skip(0)
    result, i = parser.value(i)
    i = parser.skip(i)
    if i != parser.n:
        raise parser.fail("unexpected content after the JSON value", i)
    return result
