"""Template values (JSON data holding expression strings) -> Bicep lines, and copy loops -> ``for``.

Every function returns a list of lines; the first continues the line that introduced the value (after
``key: ``), the rest carry their own indentation. Notes raised while translating a property are printed as
``// relecloud:`` comments just above that property.
"""

from __future__ import annotations

from relecloud_templates.arm import expressions as arm
from relecloud_templates.bicep.exprs import Loop, Site, expression, template_string
from relecloud_templates.bicep.symbols import singular
from relecloud_templates.bicep.text import INDENT, identifier_from, object_key, string_literal

NOTE_PREFIX = "// relecloud: "


def indent(lines: list[str], first: str = "") -> list[str]:
    """``first`` + lines[0], then the remaining lines indented one level."""
    return [first + lines[0]] + [INDENT + line if line else line for line in lines[1:]]


def attach(prefix: str, lines: list[str], suffix: str = "") -> list[str]:
    """A top-level declaration: ``prefix`` before the first line, ``suffix`` after the last, no extra indent."""
    out = [prefix + lines[0]] + lines[1:]
    out[-1] += suffix
    return out


def note_lines(site: Site) -> list[str]:
    lines = [NOTE_PREFIX + note for note in site.notes]
    site.notes.clear()
    return lines


def fork(site: Site) -> Site:
    """A site for one property: same loops, lambdas and used symbols, its own notes."""
    child = site.inner()
    child.notes = []
    return child


def value_lines(value: object, site: Site, literal: bool = False) -> list[str]:
    """``literal``: strings are data, never expressions (parameter files)."""
    if isinstance(value, dict):
        return object_lines(value, site, literal)
    if isinstance(value, list):
        if not value:
            return ["[]"]
        lines = ["["]
        for item in value:
            child = fork(site)
            body = value_lines(item, child, literal)
            lines += [INDENT + c for c in note_lines(child)]
            lines += indent(body, INDENT)
        return lines + ["]"]
    if isinstance(value, str):
        return [string_literal(value) if literal else template_string(value, site).text]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if value is None:
        return ["null"]
    if isinstance(value, float):
        return [str(int(value))] if value.is_integer() else [f"json('{value!r}')"]
    return [str(value)]


def object_lines(value: dict, site: Site, literal: bool = False) -> list[str]:
    if not value:
        return ["{}"]
    lines = ["{"]
    for key, item in value.items():
        if key == "copy" and not literal and _is_property_copy(item):
            for spec in item:
                child = fork(site)
                body = loop_lines(spec.get("count"), spec.get("input"), child, spec.get("name"), default=False)
                lines += [INDENT + c for c in note_lines(child)]
                lines += indent(body, INDENT + object_key(spec["name"]) + ": ")
            continue
        child = fork(site)
        written = object_key(key) if literal else _template_key(key, child)
        body = value_lines(item, child, literal)
        lines += [INDENT + c for c in note_lines(child)]
        lines += indent(body, INDENT + written + ": ")
    return lines + ["}"]


def _template_key(key: str, site: Site) -> str:
    """A property name from a template: ARM evaluates expressions in names too (``userAssignedIdentities`` is
    keyed by resource IDs), so an expression becomes an interpolated Bicep key, ``'${identity.id}'``."""
    if not arm.is_expression(key):
        return object_key(arm.literal_value(key))
    text = template_string(key, site).text
    return text if text.startswith("'") else "'${" + text + "}'"


def _is_property_copy(item: object) -> bool:
    return isinstance(item, list) and all(isinstance(s, dict) and isinstance(s.get("name"), str) for s in item)


def _fresh(site: Site, base: str) -> str:
    taken = {lp.index for lp in site.loops} | {lp.item for lp in site.loops if lp.item}
    name, n = base, 1
    while name in taken or site.file.identifier_taken(name):
        n += 1
        name = f"{base}{n}"
    site.file.names.avoid(name)
    return name


def open_loop(count: object, site: Site, name: str | None, default: bool) -> tuple[Loop, arm.Node | None]:
    """A loop over ``count`` items: over the array X when the count is ``length(X)``."""
    node = arm.tree_of(count) if isinstance(count, str) and arm.is_expression(count) else None
    array = None
    if isinstance(node, arm.Call) and node.lower_name == "length" and len(node.args) == 1:
        array = node.args[0]
    index = _fresh(site, "i")
    if array is None:
        return Loop(name, index, default=default), node
    leaf = array.args[0].value if (isinstance(array, arm.Call) and array.lower_name in ("parameters", "variables")
                                   and isinstance(array.args[0], arm.StringLit)) else ""
    item_base = identifier_from(singular(leaf)) if leaf and singular(leaf) != leaf else "item"
    return Loop(name, index, _fresh(site, item_base), arm.to_text(array), default), array


def loop_header(loop: Loop, count: object, array: arm.Node | None, site: Site) -> str:
    if array is not None and loop.item_used:
        source = expression(array, site).text
        head = f"({loop.item}, {loop.index})" if loop.index_used else loop.item
        return f"for {head} in {source}"
    if isinstance(count, str):
        count_text = template_string(count, site).text
    else:
        count_text = value_lines(count, site)[0]
    return f"for {loop.index} in range(0, {count_text})"


def loop_lines(count: object, body: object, site: Site, name: str | None, default: bool,
               condition: object = None, body_lines=None) -> list[str]:
    """``[for ...: body]``; ``body_lines(site)`` renders a body that is not a plain value (resources)."""
    loop, array = open_loop(count, site, name, default)
    inner = site.inner(loop)
    lines = body_lines(inner) if body_lines else value_lines(body, inner)
    head = loop_header(loop, count, array, site)
    if condition is not None:
        # pycep-parser reads a loop's filter only as `if(` with no space; Bicep accepts both spellings.
        # A condition may be any JSON value (`false`, a number), not only an expression string.
        head += f": if({value_lines(condition, inner)[0]}) "
    else:
        head += ": "
    if len(lines) == 1:
        return ["[" + head + lines[0] + "]"]
    return ["[" + head + lines[0], *lines[1:-1], lines[-1] + "]"]
