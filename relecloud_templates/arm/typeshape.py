"""The shape of a resource type at one API version, as people read it (``relecloud describe``) and as tools do.

``describe(entry, version)`` walks the type data's nodes (``arm/typeschemas.py``) into a plain tree: each
property with its type, allowed values (and whether others are accepted), constraints, and flags (required,
read-only, write-only, sensitive). ``text()`` prints the writable shape with the read-only properties named
apart; ``as_json()`` gives the whole tree. Recursive shapes are cut where they repeat, and ``depth`` bounds how
far objects are opened.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.arm import typeschemas
from relecloud_templates.arm.typeschemas import READ_ONLY, REQUIRED, WRITE_ONLY, ResourceType, TypeVersion

_MAX_VALUES_SHOWN = 12
_MAX_VARIANTS_OPENED = 8
_SCOPE_WORDS = {"tenant": "tenant", "managementGroup": "management group", "subscription": "subscription",
                "resourceGroup": "resource group", "extension": "extension of another resource"}


@dataclass
class Shape:
    """One type node, described."""

    kind: str  # string, integer, boolean, any, array, object, choice
    summary: str  # one line: "string, 3-24 characters", "'Hot' | 'Cool'", "array of object"...
    facts: dict[str, Any] = field(default_factory=dict)  # for JSON: values, open, minLength, pattern, sensitive...
    properties: dict[str, Property] = field(default_factory=dict)  # of an object (and of its array items)
    additional: Shape | None = None  # the shape of further properties (a dictionary)
    discriminator: str | None = None
    variants: dict[str, Shape] = field(default_factory=dict)
    cut: str = ""  # why the object is not opened: "depth", or the path where the same shape is shown


@dataclass
class Property:
    name: str
    shape: Shape
    flags: int

    @property
    def required(self) -> bool:
        return bool(self.flags & REQUIRED)

    @property
    def read_only(self) -> bool:
        return bool(self.flags & READ_ONLY) and not self.required


class _Walker:
    def __init__(self, entry: ResourceType, depth: int):
        self.entry = entry
        self.depth = depth
        self.opened: dict[int, str] = {}  # node id -> the path where it is shown

    def shape(self, node_id: int, path: str, level: int) -> Shape:
        node = self.entry.node(node_id)
        kind = node["k"]
        if kind == "s":
            return _string(node)
        if kind == "i":
            return _integer(node)
        if kind == "b":
            return Shape("boolean", "boolean")
        if kind == "n":
            return Shape("any", "any value")
        if kind == "u":
            return self.choice(node, path, level)
        if kind == "a":
            items = self.shape(node["i"], path + "[]", level)
            bounds = _bounds(node.get("min"), node.get("max"), "items")
            summary = f"array of {items.summary if items.kind not in ('object',) else 'object'}" + (
                f", {bounds}" if bounds else "")
            shape = Shape("array", summary, {"minItems": node.get("min"), "maxItems": node.get("max")})
            shape.properties, shape.additional, shape.cut = items.properties, items.additional, items.cut
            shape.discriminator, shape.variants = items.discriminator, items.variants
            shape.facts["items"] = items.facts
            return shape
        return self.object(node_id, node, path, level)

    def choice(self, node: dict[str, Any], path: str, level: int) -> Shape:
        values: list[str] = node.get("v", [])
        others = [self.shape(other, path, level) for other in node.get("of", ())]
        open_ = any(o.kind == "string" for o in others)
        parts = [repr(v) for v in values[:_MAX_VALUES_SHOWN]]
        if len(values) > _MAX_VALUES_SHOWN:
            parts.append(f"... {len(values) - _MAX_VALUES_SHOWN} more")
        parts += [o.summary for o in others if o.kind != "string"]
        summary = " | ".join(parts) or "string"
        if values:
            summary += " (other strings accepted)" if open_ else (" (only these)" if len(values) > 1 or others
                                                                   else " (only this)")
        shape = Shape("choice", summary, {"values": values, "open": open_})
        structured = [o for o in others if o.kind in ("object", "array")]
        if len(structured) == 1:
            shape.properties, shape.additional, shape.cut = (structured[0].properties, structured[0].additional,
                                                             structured[0].cut)
        return shape

    def object(self, node_id: int, node: dict[str, Any], path: str, level: int) -> Shape:
        shape = Shape("object", "object", {"sensitive": True} if node.get("sec") else {})
        if node.get("sec"):
            shape.summary = "object (secret)"
        if node_id in self.opened:
            shape.cut = f"the same shape as {self.opened[node_id] or 'the resource'}"
            return shape
        if level >= self.depth:
            shape.cut = "depth"
            return shape
        self.opened[node_id] = path
        shape.properties = {name: Property(name, self.shape(child, _join(path, name), level + 1), flags)
                            for name, (child, flags) in sorted(node.get("p", {}).items(), key=lambda p: p[0].lower())}
        if node.get("x") is not None:
            shape.additional = self.shape(node["x"], _join(path, "*"), level + 1)
            if not shape.properties:
                shape.summary = f"object of {shape.additional.summary}"
        if node["k"] == "d":
            shape.discriminator = node["by"]
            shape.summary = f"object, shaped by '{node['by']}' ({len(node['v'])} kinds)"
            for value, member in sorted(node["v"].items(), key=lambda v: v[0].lower()):
                shape.variants[value] = self.object(member, self.entry.node(member), path, level)
        return shape


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _bounds(low: Any, high: Any, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low}-{high} {unit}" if low != high else f"exactly {low} {unit}"
    if low is not None:
        return f"at least {low} {unit}"
    return f"at most {high} {unit}" if high is not None else ""


def _string(node: dict[str, Any]) -> Shape:
    parts = ["string"]
    bounds = _bounds(node.get("min"), node.get("max"), "characters")
    if bounds:
        parts.append(bounds)
    if node.get("re"):
        parts.append(f"pattern {node['re']}")
    if node.get("sec"):
        parts.append("secret")
    facts = {"minLength": node.get("min"), "maxLength": node.get("max"), "pattern": node.get("re"),
             "sensitive": bool(node.get("sec")) or None}
    return Shape("string", ", ".join(parts), {k: v for k, v in facts.items() if v is not None})


def _integer(node: dict[str, Any]) -> Shape:
    low, high = node.get("min"), node.get("max")
    bounds = (f"{low} to {high}" if low is not None and high is not None
              else f"at least {low}" if low is not None else f"at most {high}" if high is not None else "")
    facts = {k: v for k, v in (("minimum", low), ("maximum", high)) if v is not None}
    return Shape("integer", "integer" + (f", {bounds}" if bounds else ""), facts)


@dataclass
class Description:
    entry: ResourceType
    version: TypeVersion
    body: Shape


def describe(entry: ResourceType, version: TypeVersion, depth: int = 4) -> Description:
    """The shape of ``entry`` at ``version``, objects opened ``depth`` levels below the body."""
    walker = _Walker(entry, depth + 1)
    body = walker.object(version.body, entry.node(version.body), "", 0)
    return Description(entry, version, body)


# ---------------------------------------------------------------------------------------------------------
# Text


def _scopes(names: tuple[str, ...]) -> str:
    return ", ".join(_SCOPE_WORDS[n] for n in names) or "nowhere"


def text(description: Description) -> str:
    entry, version = description.entry, description.version
    versions = entry.api_versions
    lines = [
        f"{entry.name}@{version.api_version}",
        f"  deployable at: {_scopes(version.writable_scopes)}"
        + ("" if version.writable else " (Azure only reads it: declare it \"existing\")"),
        f"  readable at:   {_scopes(version.readable_scopes)}",
        *textwrap.wrap(f"{len(versions)}, oldest first: {', '.join(versions)}", width=110,
                       initial_indent="  API versions:  ", subsequent_indent=" " * 17, break_on_hyphens=False),
        f"  newest:        {entry.newest}"
        + ("" if entry.newest == versions[-1] else f" (stable; {versions[-1]} is newer)"),
        f"  type data:     Azure/bicep-types-az {typeschemas.source().get('commit', '')} of {typeschemas.data_date()}",
        "",
        "Properties (* required, ~ write-only; read-only ones are listed after each object):",
    ]
    rows: list[tuple[str, str]] = []
    _rows(description.body, 1, rows)
    width = min(max((len(name) for name, _ in rows), default=0), 48)
    for name, summary in rows:
        lines.append(f"{name:<{width}}  {summary}".rstrip() if summary else name)
    return "\n".join(lines) + "\n"


def _rows(shape: Shape, indent: int, rows: list[tuple[str, str]]) -> None:
    pad = "  " * indent
    read_only: list[str] = []
    for prop in shape.properties.values():
        if prop.read_only:
            read_only.append(prop.name)
            continue
        marks = ("*" if prop.required else "") + ("~" if prop.flags & WRITE_ONLY else "")
        rows.append((f"{pad}{prop.name}{' ' + marks if marks else ''}", prop.shape.summary + _cut(prop.shape)))
        _rows(prop.shape, indent + 1, rows)
    if shape.additional is not None and shape.properties and shape.additional.kind != "any":
        rows.append((f"{pad}<any name>", shape.additional.summary + _cut(shape.additional)))
        _rows(shape.additional, indent + 1, rows)
    if read_only:
        for line in textwrap.wrap(f"(read-only: {', '.join(read_only)})", width=110, initial_indent=pad,
                                  subsequent_indent=pad + " " * 12, break_on_hyphens=False):
            rows.append((line, ""))
    if shape.variants:
        if len(shape.variants) > _MAX_VARIANTS_OPENED:
            shown = ", ".join(repr(v) for v in shape.variants)
            for line in textwrap.wrap(f"{shape.discriminator} is one of: {shown}", width=110, initial_indent=pad,
                                      subsequent_indent=pad + "  ", break_on_hyphens=False):
                rows.append((line, ""))
            return
        for value, variant in shape.variants.items():
            rows.append((f"{pad}when {shape.discriminator} = {value!r}:", _cut(variant).strip(" ()")))
            own = Shape("object", "", properties={n: p for n, p in variant.properties.items()
                                                  if n not in shape.properties})
            _rows(own, indent + 1, rows)


def _cut(shape: Shape) -> str:
    if shape.cut == "depth":
        return " (not opened: --depth)"
    return f" ({shape.cut})" if shape.cut else ""


# ---------------------------------------------------------------------------------------------------------
# JSON


def as_json(description: Description) -> dict[str, Any]:
    entry, version = description.entry, description.version
    return {
        "type": entry.name,
        "apiVersion": version.api_version,
        "apiVersions": list(entry.api_versions),
        "newest": entry.newest,
        "deployableAt": list(version.writable_scopes),
        "readableAt": list(version.readable_scopes),
        "typeData": {"source": "Azure/bicep-types-az", "commit": typeschemas.source().get("commit"),
                     "date": typeschemas.data_date()},
        "body": _shape_json(description.body),
    }


def _shape_json(shape: Shape) -> dict[str, Any]:
    data: dict[str, Any] = {"type": shape.kind, **shape.facts}
    if shape.properties:
        data["properties"] = {name: {**_shape_json(p.shape), "required": p.required,
                                     "readOnly": bool(p.flags & READ_ONLY), "writeOnly": bool(p.flags & WRITE_ONLY)}
                              for name, p in shape.properties.items()}
    if shape.additional is not None:
        data["additionalProperties"] = _shape_json(shape.additional)
    if shape.discriminator:
        data["discriminator"] = shape.discriminator
        data["variants"] = {value: _shape_json(variant) for value, variant in shape.variants.items()}
    if shape.cut:
        data["notOpened"] = shape.cut
    return data
