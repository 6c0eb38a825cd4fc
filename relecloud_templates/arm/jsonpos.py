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
from typing import TYPE_CHECKING, Any

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
    """The positions of one document parsed by the C parser, found container by container on first use.

    The first position asked of any container finds where every container of the text starts and ends (one pass
    of a regular expression over the text, strings skipped whole). A container's own positions then come from a
    scan of its members alone (each member that is a container is stepped over to its end); its position is
    known once its parent was scanned, so the containers from the root down to it are scanned first (a map of
    each container's parent, made by one walk of the parsed document, finds them)."""

    __slots__ = ("ends", "lines", "parents", "root", "text")

    def __init__(self, text: str):
        self.text, self.root = text, None
        self.lines: LineIndex | None = None
        self.ends: dict[int, int] = {}  # offset of a container's opening bracket -> offset just past its closing one
        self.parents: dict[int, tuple[Any, Any]] | None = None  # id(container) -> (container, its parent)

    def place(self, node: _LazyDict | _LazyList) -> None:
        """Fill ``node``'s position slots: from the text where it is still there, else NOWHERE."""
        if self.lines is None:
            self.lines = LineIndex(self.text)
            self.ends = _container_ends(self.text)
            root = self.root
            if isinstance(root, (_LazyDict, _LazyList)):
                root._start = _skip(self.text, 0)
        if not _filled(node, "_start"):
            if self.parents is None:
                self.parents = _parent_map(self.root)
            chain = []  # the containers above ``node`` not scanned yet, nearest first
            entry = self.parents.get(id(node))
            parent = entry[1] if entry is not None and entry[0] is node else None
            while parent is not None and not _filled(parent, "pos"):
                chain.append(parent)
                entry = self.parents.get(id(parent))
                parent = entry[1] if entry is not None and entry[0] is parent else None
            for above in reversed(chain):
                if not _filled(above, "pos"):
                    self._scan(above)
        self._scan(node)

    def _scan(self, node: _LazyDict | _LazyList) -> None:
        try:
            start = object.__getattribute__(node, "_start")
        except AttributeError:  # not (or no longer) where the text has it
            start = None
        if isinstance(node, _LazyDict):
            if start is None:
                node.pos, node.key_pos, node.value_pos = NOWHERE, {}, {}
            else:
                node.pos, node.key_pos, node.value_pos = self._members(node, start)
        elif start is None:
            node.pos, node.item_pos = NOWHERE, [NOWHERE] * len(node)
        else:
            node.pos, node.item_pos = self._items(node, start)

    def _members(self, node: _LazyDict, start: int) -> tuple[Pos, dict[str, Pos], dict[str, Pos]]:
        text, pos, ends = self.text, self.lines.pos, self.ends  # type: ignore[union-attr]
        key_pos: dict[str, Pos] = {}
        value_pos: dict[str, Pos] = {}
        i = _skip(text, start + 1)
        while text[i] == '"':
            key_at = i
            key, i = _scanstring(text, i + 1, False)
            i = _skip(text, _skip(text, i) + 1)  # over the ':'
            key_pos[key], value_pos[key] = pos(key_at), pos(i)
            opening = text[i]
            if opening in "{[":
                child = dict.get(node, key)
                if isinstance(child, _LazyDict if opening == "{" else _LazyList):
                    child._start = i
                i = ends[i]
            else:
                i = _value_end(text, i)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        return pos(start), key_pos, value_pos

    def _items(self, node: _LazyList, start: int) -> tuple[Pos, list[Pos]]:
        text, pos, ends = self.text, self.lines.pos, self.ends  # type: ignore[union-attr]
        starts: list[int] = []
        i = _skip(text, start + 1)
        while text[i] != "]":
            starts.append(i)
            i = ends[i] if text[i] in "{[" else _value_end(text, i)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        if len(starts) != len(node):  # changed since it was parsed
            return NOWHERE, [NOWHERE] * len(node)
        for at, child in zip(starts, node, strict=True):
            if isinstance(child, _LazyDict if text[at] == "{" else _LazyList if text[at] == "[" else ()):
                child._start = at
        return pos(start), [pos(at) for at in starts]


# In text the C parser accepted (no comments): whitespace; a string or anything but a bracket, then a bracket.
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# (Unrolled: a run of other characters, then strings each followed by such a run; 20% faster than alternating.)
_TO_BRACKET = re.compile(r'[^"\[\]{}]*+(?:"[^"\\]*+(?:\\.[^"\\]*+)*+"[^"\[\]{}]*+)*+([\[\]{}])', re.DOTALL)
_SCALAR_END = re.compile(r'"(?:[^"\\]++|\\.)*+"|[^,\]} \t\n\r]*', re.DOTALL)


def _skip(text: str, i: int) -> int:
    """Where the whitespace at ``i`` ends."""
    return _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]  # the pattern matches the empty string


def _value_end(text: str, i: int) -> int:
    """Where the string, number or constant at ``i`` ends."""
    return _SCALAR_END.match(text, i).end()  # type: ignore[union-attr]  # the pattern matches the empty string


def _container_ends(text: str) -> dict[int, int]:
    """Offset of every opening bracket of the text -> the offset just past the bracket that closes it."""
    ends: dict[int, int] = {}
    open_at: list[int] = []
    for found in _TO_BRACKET.finditer(text):
        at = found.start(1)
        if text[at] in "{[":
            open_at.append(at)
        elif open_at:
            ends[open_at.pop()] = at + 1
    return ends


def _parent_map(root: Any) -> dict[int, tuple[Any, Any]]:
    """id(container) -> (the container, the container it is in; None for the root), for the containers that the
    parsed document holds now."""
    parents: dict[int, tuple[Any, Any]] = {id(root): (root, None)}
    pending = [root]
    while pending:
        node = pending.pop()
        for child in (dict.values(node) if isinstance(node, dict) else node):
            if isinstance(child, (_LazyDict, _LazyList)):
                parents[id(child)] = (child, node)
                pending.append(child)
    return parents


class _LazyDict(LocatedDict):
    """A LocatedDict whose position slots stay empty until one is read (see the module's docstring). Made by the C
    parser's hook for every object of a document: built by ``dict.__init__`` (not LocatedDict's, which would fill
    the slots), ``_positions`` set by the hook."""

    __slots__ = ("_positions", "_start")
    if not TYPE_CHECKING:  # (for mypy, LocatedDict's signature)
        __init__ = dict.__init__
    _positions: _Positions
    _start: int  # offset of its "{" in the text, once its parent was scanned (the root's: at the first scan)

    def __getattr__(self, name: str) -> Any:  # Python calls it only for a slot not filled yet
        if name == "duplicate_keys":  # none: the C parser refuses repeated keys
            self.duplicate_keys = []
            return self.duplicate_keys
        if name not in ("pos", "key_pos", "value_pos"):
            raise AttributeError(name)
        self._positions.place(self)
        return object.__getattribute__(self, name)


class _LazyList(LocatedList):
    __slots__ = ("_positions", "_start")
    if not TYPE_CHECKING:
        __init__ = list.__init__  # not LocatedList.__init__: that would fill the position slots
    _positions: _Positions
    _start: int

    def __getattr__(self, name: str) -> Any:
        if name not in ("pos", "item_pos"):
            raise AttributeError(name)
        self._positions.place(self)
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
        result = _LazyDict(pairs)
        if len(result) != len(pairs):
            raise _NeedsPositionalParser("repeated key")
        result._positions = positions
        return result

    def lists(value: Any, depth: int) -> Any:  # the C parser has no hook for arrays
        if depth > MAX_DEPTH:
            raise _NeedsPositionalParser("nested too deep")  # which reports where
        if value.__class__ is list:
            found = _LazyList([lists(v, depth + 1) if v.__class__ in containers else v for v in value])
            found._positions = positions
            return found
        for key, item in dict.items(value):
            kind = item.__class__
            if kind is _LazyDict:
                lists(item, depth + 1)
            elif kind is list:
                value[key] = lists(item, depth + 1)
        return value

    containers = (_LazyDict, list)  # what the C parser and the hook make: exactly these classes
    root = json.loads(text, object_pairs_hook=mapping, parse_constant=_refuse_constant, strict=False)
    positions.root = lists(root, 1) if root.__class__ in containers else root
    return positions.root


def has_no_repeated_keys(document: Any) -> bool:
    """True when no object anywhere in ``document`` (as ``loads`` returned it) repeats a key: the standard library's
    parser took it, which refuses repeated keys (``duplicate_keys`` is empty throughout). False when that is not
    known: the positional parser keeps the repeated keys it met in each object's ``duplicate_keys``."""
    return isinstance(document, (_LazyDict, _LazyList))


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
