"""The ARM template expression language: parse ``"[...]"`` strings into a small syntax tree.

Grammar (what Azure Resource Manager accepts)::

    template-string := '[' expression ']'        -- an expression
                     | '[[' any                  -- a literal string starting with '['
                     | any                       -- a literal string
    expression      := primary accessor*
    primary         := call | string | number | 'true' | 'false' | 'null'
    call            := name ('.' name)? '(' [expression (',' expression)*] ')'
    accessor        := '.' name | '[' expression ']'
    string          := "'" ( [^'] | "''" )* "'"

Offsets in nodes and errors count characters of the whole template string, the leading ``[`` being 0, so
callers can map them to a column in the source file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, KeysView
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar


@dataclass(frozen=True)
class StringLit:
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class NumberLit:
    value: int | float
    start: int
    end: int


@dataclass(frozen=True)
class BoolLit:
    value: bool
    start: int
    end: int


@dataclass(frozen=True)
class NullLit:
    start: int
    end: int


@dataclass(frozen=True)
class Call:
    name: str  # as written; ARM function names are case-insensitive, compare with `.lower_name`
    args: tuple[Node, ...]
    start: int
    end: int
    namespace: str | None = None  # user-defined functions: namespace.name(...)

    @cached_property  # stored in the instance's __dict__, which a frozen dataclass allows
    def lower_name(self) -> str:
        return self.name.lower()

    @property
    def qualified_name(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


@dataclass(frozen=True)
class Property:
    target: Node
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Index:
    target: Node
    index: Node
    start: int
    end: int


Node = StringLit | NumberLit | BoolLit | NullLit | Call | Property | Index


class ExpressionSyntaxError(ValueError):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return f"{self.message} (at character {self.offset + 1})"


def is_expression(value: object) -> bool:
    """True for strings ARM evaluates: ``[...]`` but not the ``[[`` literal escape."""
    return (
        isinstance(value, str)
        and len(value) >= 2
        and value[0] == "["
        and value[-1] == "]"
        and not value.startswith("[[")
    )


def literal_value(value: str) -> str:
    """The string a non-expression template string stands for (``[[x]`` means ``[x]``)."""
    if value.startswith("[[") and value.endswith("]"):
        return value[1:]
    return value


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_SPACE = re.compile(r"\s*")


# Expressions nest at most this deep (function arguments and indexes): hostile input is a syntax error, never a
# RecursionError in the parser or in what walks its trees (the Bicep translator, the evaluator).
MAX_NESTING = 256


_N = TypeVar("_N")


def _node(cls: type[_N], **fields: Any) -> _N:
    """``cls(**fields)`` for the parser's frozen node classes, without the per-field ``object.__setattr__`` of a
    frozen dataclass's ``__init__`` (a large template has thousands of nodes; the instances are the same). A call's
    ``lower_name`` is given too: what its cached property would store on first use (under a lock, in 3.11)."""
    node = object.__new__(cls)
    node.__dict__.update(fields)
    return node


class _Parser:
    """Recursive descent over the text, the position in ``i``; whitespace (``\\s``, as ``str.isspace``) is
    skipped with the regular expression only where there is some."""

    __slots__ = ("depth", "end", "i", "text")

    def __init__(self, text: str):
        self.text = text
        self.i = 1  # after the opening '['
        self.end = len(text) - 1  # the closing ']'
        self.depth = 0

    def fail(self, message: str, offset: int | None = None) -> ExpressionSyntaxError:
        return ExpressionSyntaxError(message, self.i if offset is None else offset)

    def skip(self) -> None:
        i = self.i
        if i < self.end and self.text[i].isspace():
            self.i = _SPACE.match(self.text, i, self.end).end()  # type: ignore[union-attr]  # \s* always matches

    def _skip_from(self, i: int) -> int:
        if i < self.end and self.text[i].isspace():
            return _SPACE.match(self.text, i, self.end).end()  # type: ignore[union-attr]  # \s* always matches
        return i

    def peek(self) -> str:
        return self.text[self.i] if self.i < self.end else ""

    def expect(self, ch: str, what: str) -> None:
        self.skip()
        if self.peek() != ch:
            found = repr(self.peek()) if self.peek() else "the end of the expression"
            raise self.fail(f"expected {ch!r} {what}, found {found}")
        self.i += 1

    def expression(self) -> Node:
        if self.depth >= MAX_NESTING:
            raise self.fail(f"expression nested more than {MAX_NESTING} levels deep")
        self.depth += 1
        try:
            return self._expression()
        finally:
            self.depth -= 1

    def _expression(self) -> Node:
        self.skip()
        node = self.primary()
        text, end = self.text, self.end
        while True:
            i = self._skip_from(self.i)
            ch = text[i] if i < end else ""
            if ch == ".":
                self.i = i = self._skip_from(i + 1)
                m = _NAME.match(text, i, end)
                if not m:
                    raise self.fail("expected a property name after '.'")
                self.i = m.end()
                node = _node(Property, target=node, name=m.group(0), start=node.start, end=self.i)
            elif ch == "[":
                self.i = i + 1
                index = self.expression()
                self.expect("]", "to close the index")
                node = _node(Index, target=node, index=index, start=node.start, end=self.i)
            else:
                self.i = i
                return node

    def primary(self) -> Node:
        text, end, start = self.text, self.end, self.i
        if start >= end:
            raise self.fail("expected an expression, found the end of the expression")
        ch = text[start]
        if ch == "'":
            return self.string()
        if ch == "-" or ch.isdigit():
            m = _NUMBER.match(text, start, end)
            if not m:
                raise self.fail(f"unexpected character {ch!r}")
            self.i = m.end()
            number = float(m.group(0)) if m.group(1) else int(m.group(0))
            return _node(NumberLit, value=number, start=start, end=self.i)
        m = _NAME.match(text, start, end)
        if not m:
            raise self.fail(f"unexpected character {ch!r}")
        name, namespace = m.group(0), None
        i = self._skip_from(m.end())
        if i < end and text[i] == ".":
            # namespace.function( ... ) for user-defined functions; otherwise it is a property access
            m2 = _NAME.match(text, self._skip_from(i + 1), end)
            if m2:
                after = self._skip_from(m2.end())
                if after < end and text[after] == "(":
                    namespace, name, i = name, m2.group(0), after
        if i >= end or text[i] != "(":
            self.i = i
            lowered = name.lower()
            if namespace is None and lowered in ("true", "false"):
                return _node(BoolLit, value=lowered == "true", start=start, end=i)
            if namespace is None and lowered == "null":
                return _node(NullLit, start=start, end=i)
            raise self.fail(f"expected '(' after function name {name!r}", i)
        i = self._skip_from(i + 1)
        if i < end and text[i] == ")":
            self.i = i + 1
            return _node(Call, name=name, args=(), start=start, end=i + 1, namespace=namespace, lower_name=name.lower())
        self.i = i
        args: list[Node] = []
        while True:
            args.append(self.expression())
            self.i = i = self._skip_from(self.i)
            ch = text[i] if i < end else ""
            if ch == ",":
                self.i = i + 1
                continue
            if ch == ")":
                self.i = i + 1
                return _node(Call, name=name, args=tuple(args), start=start, end=i + 1, namespace=namespace,
                             lower_name=name.lower())
            found = repr(ch) if ch else "the end of the expression"
            raise self.fail(f"expected ',' or ')' in the arguments of {name}(), found {found}")

    def string(self) -> StringLit:
        text, end, start = self.text, self.end, self.i
        i = start + 1
        parts = []
        while True:
            j = text.find("'", i, end)
            if j < 0:
                raise self.fail("unterminated string literal", start)
            if j + 1 < end and text[j + 1] == "'":
                parts.append(text[i : j + 1])  # the text and one quote of the doubled pair
                i = j + 2
                continue
            self.i = j + 1
            value = "".join(parts) + text[i:j] if parts else text[i:j]
            return _node(StringLit, value=value, start=start, end=j + 1)


# Trees by text. An estate repeats the same expressions in every unit (``[parameters('location')]``), and the
# Bicep translator parses most strings more than once; trees are immutable, so one parse serves every caller.
_TREES: dict[str, Node] = {}


def parse(text: str) -> Node:
    """Parse a template string that ``is_expression``; raises ExpressionSyntaxError with an offset."""
    tree = _TREES.get(text)
    if tree is None:
        tree = _TREES[text] = _parse(text)
    return tree


def tree_of(value: object) -> Node | None:
    """The syntax tree a template string stands for: its expression's, or a StringLit for a literal string
    (``[[x]`` meaning ``[x]``); None for anything else and for an invalid expression."""
    if not isinstance(value, str):
        return None
    if not is_expression(value):
        return StringLit(literal_value(value), 0, 0)
    try:
        return parse(value)
    except ExpressionSyntaxError:
        return None


def _parse(text: str) -> Node:
    if not is_expression(text):
        raise ExpressionSyntaxError("not an expression: it must start with '[' and end with ']'", 0)
    parser = _Parser(text)
    parser.skip()
    if parser.i >= parser.end:
        raise ExpressionSyntaxError("empty expression", 1)
    node = parser.expression()
    parser.skip()
    if parser.i != parser.end:
        raise parser.fail(f"unexpected {parser.text[parser.i]!r} after the end of the expression")
    return node


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children, arguments in order."""
    found = node.__dict__.get("_walk")  # trees are shared (``parse`` caches them) and walked by many rules
    if found is None:
        found = node.__dict__["_walk"] = tuple(_walk(node))
    return iter(found)


def _walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, Property):
            stack.append(current.target)
        elif isinstance(current, Index):
            stack.append(current.index)
            stack.append(current.target)


def calls(node: Node, name: str) -> Iterator[Call]:
    """Every call of function ``name`` (case-insensitive) in the tree."""
    return iter(_calls_by_name(node).get(name.lower(), ()))


def call_names(node: Node) -> KeysView[str]:
    """The lower-case names of the functions the tree calls (user-defined ones, with a namespace, left out)."""
    return _calls_by_name(node).keys()


def _calls_by_name(node: Node) -> dict[str, list[Call]]:
    by_name: dict[str, list[Call]] | None = node.__dict__.get("_calls")  # cached on the shared tree, like walk
    if by_name is None:
        by_name = {}
        for sub in walk(node):
            if isinstance(sub, Call) and sub.namespace is None:
                by_name.setdefault(sub.lower_name, []).append(sub)
        node.__dict__["_calls"] = by_name
    return by_name


def quote(value: str) -> str:
    """An ARM string literal for ``value`` (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def to_text(node: Node) -> str:
    """The expression body (without the surrounding brackets) in canonical form."""
    if isinstance(node, StringLit):
        return quote(node.value)
    if isinstance(node, NumberLit):
        return repr(node.value)
    if isinstance(node, BoolLit):
        return "true" if node.value else "false"
    if isinstance(node, NullLit):
        return "null()"
    if isinstance(node, Call):
        return f"{node.qualified_name}({', '.join(to_text(a) for a in node.args)})"
    if isinstance(node, Property):
        return f"{to_text(node.target)}.{node.name}"
    if isinstance(node, Index):
        return f"{to_text(node.target)}[{to_text(node.index)}]"
    raise TypeError(f"not an expression node: {node!r}")
