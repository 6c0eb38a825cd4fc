"""ARM template expressions as the Bicep compiler builds them: a function call with arguments and trailing
property accesses (``reference(x).outputs.a.value``), or a literal (string or integer); and their text form.

``serialize(expr)`` gives the JSON string value: ``[...]`` for expressions, the plain string for a lone string
literal (a leading ``[`` doubled, so ARM does not read it as an expression).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PLAIN_PROPERTY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


class Tok:
    """A literal: a string or an integer."""

    __slots__ = ("value",)

    def __init__(self, value: str | int):
        self.value = value

    def __repr__(self) -> str:
        return f"Tok({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tok) and type(other.value) is type(self.value) and other.value == self.value

    def __hash__(self) -> int:
        return hash(("tok", self.value))


class Fn:
    """``name(args...)`` followed by property or index accesses (``props``)."""

    __slots__ = ("args", "name", "props")

    def __init__(self, name: str, args: Iterable[Expr] = (), props: Iterable[Expr] = ()):
        self.name, self.args, self.props = name, tuple(args), tuple(props)

    def __repr__(self) -> str:
        return f"Fn({self.name!r}, {list(self.args)!r}, {list(self.props)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fn) and (other.name, other.args, other.props) == (self.name, self.args, self.props)

    def __hash__(self) -> int:
        return hash((self.name, self.args, self.props))


Expr = Tok | Fn


def fn(name: str, *args: Expr) -> Fn:
    return Fn(name, args)


def lit(value: str | int) -> Tok:
    return Tok(value)


def with_props(function: Fn, *props: Expr) -> Fn:
    return Fn(function.name, function.args, function.props + props)


def as_function(expr: Expr) -> Fn:
    """An expression usable as the base of an access: literals are wrapped (``string('x')``, ``int(1)``)."""
    if isinstance(expr, Fn):
        return expr
    return Fn("int" if isinstance(expr.value, int) else "string", (expr,))


def is_call(expr: Expr, name: str) -> bool:
    return isinstance(expr, Fn) and expr.name == name and not expr.props


TRUE, FALSE, NULL = Fn("true"), Fn("false"), Fn("null")


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def text(expr: Expr) -> str:
    """The expression without the enclosing brackets."""
    if isinstance(expr, Tok):
        return _quote(expr.value) if isinstance(expr.value, str) else str(expr.value)
    out = [expr.name, "(", ", ".join(text(a) for a in expr.args), ")"]
    for prop in expr.props:
        if isinstance(prop, Tok) and isinstance(prop.value, str) and _PLAIN_PROPERTY.match(prop.value):
            out.append("." + prop.value)
        else:
            out.append("[" + text(prop) + "]")
    return "".join(out)


def serialize(expr: Expr) -> str:
    """The JSON string for an expression value: ``[...]``, or a lone string literal as itself."""
    if isinstance(expr, Tok) and isinstance(expr.value, str):
        # ARM reads a string in brackets as an expression; such a literal is escaped with a second '['
        value = expr.value
        return "[" + value if value.startswith("[") and value.endswith("]") else value
    return "[" + text(expr) + "]"
