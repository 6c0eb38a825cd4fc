"""String-building ARM expressions seen as a list of parts, and resource names seen as segments.

``format('{0}/{1}-x', a, b)``, ``concat(a, '/', b, '-x')`` and ``'a/b-x'`` all describe a string made of literal
text and sub-expressions. Turning them into parts lets the translator write Bicep interpolation and lets the
symbol table recognise ``resourceId(type, a, format('{0}-x', b))`` as the resource named ``format('{0}/{1}-x',
a, b)``.
"""

from __future__ import annotations

import re
from typing import Any

from relecloud_templates.arm import expressions as arm

Part = str | arm.Node  # literal text or an expression

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\d+)\}|\{[^}]*\}|[{}]")


def format_parts(template: str, args: tuple[arm.Node, ...]) -> list[Part] | None:
    """Parts of ``format(template, args...)``; None when it uses format specifiers Bicep cannot interpolate."""
    parts: list[Part] = []
    last = 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(template[last : m.start()])
        token = m.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif m.group(1) is not None and int(m.group(1)) < len(args):
            parts.append(args[int(m.group(1))])
        else:
            return None
        last = m.end()
    parts.append(template[last:])
    return merge(parts)


def merge(parts: list[Part]) -> list[Part]:
    """Adjacent literals joined, empty literals dropped."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += part
                continue
        out.append(part)
    return out


def string_parts(node: arm.Node, string_typed=lambda node: False, segments: bool = False) -> list[Part] | None:
    """The parts of a string-building expression, or None when ``node`` is not one.

    ``concat`` joins arrays as well as strings; it counts as string building only when one of its arguments
    is known to be a string (``string_typed`` answers for parameters and other leaves). With ``segments``,
    ``split(S, '/')[k]`` counts as the k-th '/'-segment of S: what Bicep writes for a parent's name, and true
    of resource names, whose parts hold no '/' of their own.
    """
    if isinstance(node, arm.StringLit):
        return [node.value] if node.value else []
    if segments and isinstance(node, arm.Index):
        return _split_segment(node, string_typed)
    if isinstance(node, arm.Call) and node.namespace is None:
        name = node.lower_name
        if name == "format" and node.args and isinstance(node.args[0], arm.StringLit):
            parts = format_parts(node.args[0].value, node.args[1:])
            return None if parts is None else flatten(parts, string_typed, segments)
        if name == "concat" and node.args:
            return _concat_parts(node.args, string_typed, segments)
    return None


def _concat_parts(args: tuple[arm.Node, ...], string_typed, segments: bool) -> list[Part] | None:
    """The parts of ``concat(args...)`` when one argument is known to be a string. Each argument's parts are
    computed once: asking again per argument made nested concat() exponential in its depth."""
    inner = [string_parts(arg, string_typed, segments) for arg in args]
    if not any(_is_string(arg, parts, string_typed) for arg, parts in zip(args, inner)):
        return None
    out: list[Part] = []
    for arg, parts in zip(args, inner):
        out.extend(parts if parts is not None else [arg])
    return merge(out)


def _is_string(node: arm.Node, parts: list[Part] | None, string_typed) -> bool:
    """Whether ``node``, whose ``string_parts`` are ``parts``, is known to give a string. A '/'-segment
    (``split(x, '/')[k]``) counts only as a part of a name, never as proof that a concat() builds a string."""
    if parts is not None and not isinstance(node, arm.Index):
        return True
    if isinstance(node, arm.Call) and node.namespace is None and node.lower_name in _STRING_FUNCTIONS:
        return True
    return bool(string_typed(node))


def _split_segment(node: arm.Index, string_typed) -> list[Part] | None:
    target, index = node.target, node.index
    if not (isinstance(target, arm.Call) and target.lower_name == "split" and len(target.args) == 2
            and isinstance(target.args[1], arm.StringLit) and target.args[1].value == "/"
            and isinstance(index, arm.NumberLit) and isinstance(index.value, int)):
        return None
    whole = string_parts(target.args[0], string_typed, True)
    if whole is None:
        return None
    pieces = split_part_lists(whole)
    return pieces[index.value] if 0 <= index.value < len(pieces) else None


def flatten(parts: list[Part], string_typed, segments: bool = False) -> list[Part]:
    out: list[Part] = []
    for part in parts:
        inner = None if isinstance(part, str) else string_parts(part, string_typed, segments)
        out.extend(inner if inner is not None else [part])
    return merge(out)


_STRING_FUNCTIONS = frozenset(
    {
        "format", "tolower", "toupper", "trim", "uniquestring", "guid", "replace", "substring", "string",
        "base64", "uri", "uricomponent", "padleft", "resourceid", "subscriptionresourceid",
        "extensionresourceid", "tenantresourceid", "managementgroupresourceid", "newguid", "utcnow",
    }
)


Segment = tuple[tuple[str, str], ...]  # (("lit", text) | ("expr", canonical ARM text)), ...


def split_segments(parts: list[Part]) -> tuple[Segment, ...]:
    """Split parts at every '/' of their literal text: a resource name's segments, comparable by value."""
    segments: list[list[tuple[str, str]]] = [[]]
    for part in parts:
        if isinstance(part, str):
            pieces = part.split("/")
            for i, piece in enumerate(pieces):
                if i:
                    segments.append([])
                if piece:
                    segments[-1].append(("lit", piece))
        else:
            segments[-1].append(("expr", arm.to_text(part)))
    return tuple(tuple(s) for s in segments)


def name_segments(node: arm.Node | str) -> tuple[Segment, ...] | None:
    """The '/'-separated segments of a resource name, or None when they cannot be known statically."""
    if isinstance(node, str):
        return split_segments([node])
    parts = string_parts(node, segments=True)
    return split_segments(parts if parts is not None else [node])


def id_segments(names: tuple[arm.Node, ...]) -> tuple[Segment, ...]:
    """The segments named by the name arguments of ``resourceId(type, name1, name2, ...)``."""
    parts: list[Part] = []
    for i, name in enumerate(names):
        if i:
            parts.append("/")
        inner = string_parts(name, segments=True)
        parts.extend(inner if inner is not None else [name])
    return split_segments(merge(parts))


def split_part_lists(parts: list[Part]) -> list[list[Part]]:
    """Parts split at every '/' of their literal text, keeping the expressions themselves."""
    out: list[list[Part]] = [[]]
    for part in parts:
        if isinstance(part, str):
            for i, piece in enumerate(part.split("/")):
                if i:
                    out.append([])
                if piece:
                    out[-1].append(piece)
        else:
            out[-1].append(part)
    return out


def parts_node(parts: list[Part]) -> arm.Node:
    """An ARM expression node that builds the string ``parts`` describe."""
    if not parts:
        return arm.StringLit("", 0, 0)
    if len(parts) == 1:
        part = parts[0]
        return arm.StringLit(part, 0, 0) if isinstance(part, str) else part
    template: list[str] = []
    args: list[Any] = []
    for part in parts:
        if isinstance(part, str):
            template.append(part.replace("{", "{{").replace("}", "}}"))
        else:
            template.append("{" + str(len(args)) + "}")
            args.append(part)
    return arm.Call("format", (arm.StringLit("".join(template), 0, 0), *args), 0, 0)
