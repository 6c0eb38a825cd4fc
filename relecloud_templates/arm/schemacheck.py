"""Check deployment documents, and the keys the template engine reads on every resource, against the ARM
JSON schemas (the node language of ``tools/derive_arm_schemas.py``, loaded by ``arm/typeschemas.py``); and
what every schema check shares: findings, positions, and how values compare. Resource bodies are checked
against the Bicep type data by ``arm/typecheck.py``.

What is judged, and what is not:

- Property names compare case-insensitively, as ARM compares them; a different spelling of a known name is
  reported apart (``PROPERTY_CASING``), as information.
- A value that is an ARM expression is judged only when the caller's ``resolve`` hook knows its value.
  ``null`` is never judged: ARM treats it as "not set".
- Scalars are judged the way the resource providers read them (strings and numbers convert both ways when the
  text is a number, booleans from "true"/"false"), so only values no provider would accept are wrong.
- Where the schema offers alternatives that cannot be told apart, only the JSON type is judged; a
  discriminated union is judged once its discriminator has a known value.

Findings carry a path relative to the checked node; ``position`` turns one into a line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from relecloud_templates.arm import typeschemas
from relecloud_templates.arm.expressions import is_expression, literal_value
from relecloud_templates.arm.values import UNKNOWN, arm_type
from relecloud_templates.located import Pos, key_pos, pos_at_path
from relecloud_templates.suggest import closest, did_you_mean

UNKNOWN_PROPERTY = "unknown-property"
PROPERTY_CASING = "property-casing"
WRONG_TYPE = "wrong-type"
NOT_ALLOWED_VALUE = "not-allowed-value"
MISSING_REQUIRED = "missing-required"

Path = tuple[str | int, ...]  # keys and indexes from the document root
Resolver = Callable[[Any], Any]  # a template value -> its known value, or UNKNOWN

_SCALARS = frozenset({"string", "integer", "number", "boolean"})
_ARTICLE = {"array": "an array", "object": "an object", "integer": "an integer"}


@dataclass(frozen=True)
class SchemaFinding:
    kind: str  # one of the constants above
    path: Path  # relative to the checked resource or document
    message: str
    hint: str = ""
    at_key: bool = False  # True: point at the property name; False: at the value
    value: Any = None  # the raw value, for findings that carry one (typecheck.SENSITIVE)


def literal(value: Any) -> Any:
    """The default resolver: literal values are known, expressions are not."""
    if isinstance(value, str):
        return UNKNOWN if is_expression(value) else literal_value(value)
    return value


def position(root: Any, finding: SchemaFinding) -> Pos:
    """Where a finding on ``root`` (the node that was checked) belongs in the source."""
    if finding.at_key and finding.path:
        parent = root
        for step in finding.path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                return pos_at_path(root, finding.path)
        return key_pos(parent, cast(str, finding.path[-1]))  # at_key: the last step is a key
    return pos_at_path(root, finding.path)


def show_path(path: Path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "the document"


_JSON_SCHEMA_NAMES = {"bool": "boolean", "int": "integer"}


def json_kind(value: Any) -> str:
    """The JSON Schema type name of a known value (ARM calls them bool and int)."""
    name = arm_type(value)
    return _JSON_SCHEMA_NAMES.get(name, name)


def node_kinds(node: dict[str, Any], deref: Callable[[dict[str, Any]], dict[str, Any]]) -> set[str] | None:
    """The JSON types a schema node can match, or None when it can match any (shared with the generator)."""
    node = deref(node)
    if "T" in node:
        return set(node["T"])
    if {"P", "X", "A", "D"} & node.keys():
        return {"object"}
    if "I" in node:
        return {"array"}
    if "E" in node:
        return {json_kind(v) for v in node["E"]}
    if "O" in node:
        union: set[str] = set()
        for alt in node["O"]:
            alt_kinds = node_kinds(alt, deref)
            if alt_kinds is None:
                return None
            union |= alt_kinds
        return union
    return None


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def accepts(types: list[str] | set[str], value: Any) -> bool:
    """Whether a resource provider would read ``value`` as one of the JSON ``types``."""
    kind = json_kind(value)
    if kind in types or kind == "null":
        return True
    if kind == "integer" and "number" in types:
        return True
    if kind == "number" and "integer" in types and float(value).is_integer():
        return True
    if kind not in _SCALARS:
        return False
    if "string" in types:
        return True  # providers read numbers and booleans into string properties
    if kind == "string" and ("integer" in types or "number" in types) and _is_number_text(value.strip()):
        return True
    return kind == "string" and "boolean" in types and value.strip().lower() in ("true", "false")


def scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).lower()


def describe(value: Any) -> str:
    kind = json_kind(value)
    if kind in ("string",):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {shown!r}"
    if kind in ("integer", "number", "boolean"):
        return f"{kind} {scalar_text(value)}"
    return _ARTICLE.get(kind, f"a {kind}")


_HOW_TO_WRITE = {"boolean": "true or false, without quotes", "integer": "a whole number, without quotes",
                 "number": "a number, without quotes", "array": "a JSON array [ ... ]",
                 "object": "a JSON object { ... }"}


def type_hint(types: Iterable[str], subject: str, source: str = "schema") -> str:
    ways = [_HOW_TO_WRITE[t] for t in sorted(types) if t in _HOW_TO_WRITE]
    if len(ways) == 1:
        return f"write {ways[0]} (as the {subject} {source} says)"
    return f"the {subject} {source} says {expected(types)}"


def expected(types: Iterable[str]) -> str:
    names = [_ARTICLE.get(t, f"a {t}") for t in sorted(types)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class _Checker:
    def __init__(self, defs: dict[str, Any], resolve: Resolver, subject: str, skip_root: bool = False):
        self.defs = defs
        self.resolve = resolve
        self.subject = subject  # how messages name what is checked, e.g. Microsoft.Storage/storageAccounts@2026-04-01
        self.skip_root = skip_root  # leave the document's own keys to the structure rules
        self.findings: list[SchemaFinding] = []

    def report(self, kind: str, path: Path, message: str, hint: str = "", at_key: bool = False) -> None:
        self.findings.append(SchemaFinding(kind, path, message, hint, at_key))

    def deref(self, node: dict[str, Any]) -> dict[str, Any]:
        seen = 0
        while "$" in node and seen < 64:
            node = self.defs.get(node["$"], {})
            seen += 1
        return node

    def value(self, node: dict[str, Any], value: Any, path: Path) -> None:
        node = self.deref(node)
        if not node:
            return  # anything goes: not even worth evaluating
        if isinstance(value, str):
            if node.get("T") == ["string"] and len(node) == 1:
                return  # whatever the string stands for, a provider reads it as a string
            value = self.resolve(value)
        if value is UNKNOWN or value is None:
            return
        types = node_kinds(node, self.deref) if "O" in node else node.get("T")
        if types is not None and not accepts(types, value):
            self.report(WRONG_TYPE, path, f"{show_path(path)} expects {expected(types)}, not {describe(value)}",
                        type_hint(types, self.subject))
            return
        if "O" in node:
            return
        if "E" in node and json_kind(value) in _SCALARS:
            allowed = {scalar_text(v) for v in node["E"]}
            if scalar_text(value) not in allowed:
                shown = [str(v) for v in node["E"]]
                self.report(NOT_ALLOWED_VALUE, path,
                            f"{show_path(path)} does not allow {describe(value)}",
                            allowed_hint(str(value), shown))
                return
        if isinstance(value, dict):
            self.object(node, value, path)
        elif isinstance(value, list) and "I" in node:
            for i, item in enumerate(value):
                self.value(node["I"], item, path + (i,))

    def object(self, node: dict[str, Any], obj: dict[str, Any], path: Path) -> None:
        base_props = node.get("P", {})
        if "D" in node:
            variant = self.variant(node, obj, path)
            if variant is None:
                self.properties(base_props, node.get("R", ()), obj, path, closed=False, extra=None)
                return
            node = variant
            props = {**base_props, **node.get("P", {})}
        else:
            props = base_props  # the schema's own table: long-lived, so ``lowered_names`` caches its names
        self.properties(props, node.get("R", ()), obj, path, closed=bool(node.get("X")), extra=node.get("A"))

    def variant(self, node: dict[str, Any], obj: dict[str, Any], path: Path) -> dict[str, Any] | None:
        """The member of a discriminated union that ``obj`` is, or None when that cannot be known."""
        union = node["D"]
        key = key_ci(obj, union["p"])
        if key is None:
            return None  # the union's required list reports a missing discriminator
        value = obj[key]
        if isinstance(value, str):
            value = self.resolve(value)
        if not isinstance(value, str):
            return None
        for name, variant in union["v"].items():
            if name.lower() == value.lower():
                return self.deref(variant)
        self.report(NOT_ALLOWED_VALUE, path + (key,), f"{show_path(path + (key,))} does not allow {describe(value)}",
                    allowed_hint(value, list(union["v"])))
        return None

    def properties(
        self, props: dict[str, Any], required: Iterable[str], obj: dict[str, Any], path: Path, *, closed: bool,
        extra: Any,
    ) -> None:
        at_root = self.skip_root and not path
        by_lower = lowered_names(props)
        generated = self.copy_loops(props, by_lower, obj, path)
        for key, value in obj.items():
            if not isinstance(key, str):
                continue
            name = key if key in props else by_lower.get(key.lower())
            if name is None:
                if generated is not None and key.lower() == "copy":
                    continue
                if extra is not None:
                    self.value(extra, value, path + (key,))
                elif closed and not at_root:
                    self.report(UNKNOWN_PROPERTY, path + (key,),
                                f"unknown property '{key}' in {show_path(path)} of {self.subject}",
                                did_you_mean(key, props), at_key=True)
                continue
            if name != key:
                self.findings.append(casing_finding(path + (key,), name, f"{self.subject} schema"))
            self.value(props[name], value, path + (key,))
        if at_root or generated is UNKNOWN:
            return
        if not required:
            return
        present = {k.lower() for k in obj if isinstance(k, str)} | (generated or set())
        for name in required:
            if name.lower() not in present:
                self.report(MISSING_REQUIRED, path, f"{show_path(path)} is missing required property '{name}'",
                            f"the {self.subject} schema requires '{name}'")

    def copy_loops(self, props: dict[str, Any], by_lower: dict[str, Any], obj: dict[str, Any], path: Path) -> Any:
        def check_item(target: str, value: Any, at: Path) -> None:
            items = self.deref(props[target]).get("I")
            if items is not None:
                self.value(items, value, at)

        return copy_loops(obj, by_lower, path, check_item)


_LOWERED: dict[int, tuple[dict[str, Any], dict[str, str]]] = {}


def lowered_names(props: dict[str, Any]) -> dict[str, str]:
    """Lower-case name -> name of a property table, cached by identity (the tables of the schemas and of the
    type data live as long as the process; a discriminated object's merged tables do not, so the cache is
    bounded; each entry keeps its table alive, so that its id is not reused while it is cached)."""
    cached = _LOWERED.get(id(props))
    if cached is None or cached[0] is not props:
        if len(_LOWERED) > 4096:
            _LOWERED.clear()
        cached = _LOWERED[id(props)] = (props, {name.lower(): name for name in props})
    return cached[1]


def copy_loops(
    obj: dict[str, Any], by_lower: dict[str, Any], path: Path, check_item: Callable[[str, Any, Path], None]
) -> Any:
    """Property names that an object's property ``copy`` loops generate: None when it has no such loop,
    UNKNOWN when a loop cannot be read. ``check_item(property, input, path)`` judges each loop's input as an
    item of the array property it generates (``by_lower``: the object's known properties by lower case)."""
    key = key_ci(obj, "copy")
    if key is None or "copy" in by_lower:
        return None
    loops = obj[key]
    if not isinstance(loops, list):
        return UNKNOWN
    names: set[str] = set()
    for i, loop in enumerate(loops):
        name = loop.get("name") if isinstance(loop, dict) else None
        if not isinstance(name, str) or is_expression(name):
            return UNKNOWN
        names.add(name.lower())
        target = by_lower.get(name.lower())
        if target is not None and "input" in loop:
            check_item(target, loop["input"], path + (key, i, "input"))
    return names


def key_ci(obj: dict[str, Any], name: str) -> str | None:
    if name in obj:
        return name
    lowered = name.lower()
    return next((k for k in obj if isinstance(k, str) and k.lower() == lowered), None)


def allowed_hint(value: str, allowed: list[str]) -> str:
    best = closest(value, allowed)
    shown = ", ".join(repr(a) for a in allowed[:12]) + (f" and {len(allowed) - 12} more" if len(allowed) > 12 else "")
    if best is not None and best != value:
        return f"did you mean {best!r}? allowed: {shown}"
    return f"allowed: {shown}"


def casing_finding(path: Path, name: str, source: str) -> SchemaFinding:
    """A property written with other letter case than ``name``, the spelling ``source`` gives."""
    return SchemaFinding(PROPERTY_CASING, path, f"'{path[-1]}' is spelled '{name}' in the {source}",
                         f"write '{name}'; ARM matches property names case-insensitively, other tools may not",
                         at_key=True)


class EnvelopeChecker:
    """The keys the template engine reads on every resource (``condition``, ``dependsOn``, ``copy``,
    ``comments``...), against the resource envelope of the ARM template schema."""

    def __init__(self, resolve: Resolver, subject: str):
        self.resolve = resolve
        self.subject = subject
        self.findings: list[SchemaFinding] = []

    def check(self, resource: dict[str, Any], *, skip: frozenset[str]) -> frozenset[str]:
        """Check the engine's keys of ``resource`` that are not in ``skip`` (lower case: what the resource
        body defines itself); return the lower-case keys it judged, for the body check to leave alone."""
        props, lowered, defs = _envelope(skip)
        owned = {k: v for k, v in resource.items() if isinstance(k, str) and k.lower() in lowered}
        if owned:
            checker = _Checker(defs, self.resolve, self.subject)
            checker.value({"P": props}, owned, ())
            self.findings += checker.findings
        return frozenset(k.lower() for k in owned)


@lru_cache(maxsize=256)
def _envelope(skip: frozenset[str]) -> tuple[dict[str, Any], frozenset[str], dict[str, Any]]:
    """The envelope's properties less those in ``skip``, their lower-case names, and its definitions."""
    found = typeschemas.document_schema("resourceEnvelope")
    if found is None:
        raise typeschemas.TypeDataMissing("the bundled ARM data has no resource envelope; regenerate it")
    envelope, defs = found
    props = {name: node for name, node in envelope["P"].items() if name.lower() not in skip}
    return props, frozenset(name.lower() for name in props), defs


def check_document(document: Any, *, resolve: Resolver = literal, skip_root: bool = True) -> list[SchemaFinding]:
    """Findings on a deployment document (template of any scope, or parameters file) against the schema its
    ``$schema`` names; nothing when it names none that is bundled. Resources are left to
    ``typecheck.check_resource``. ``skip_root``: leave unknown and missing top-level keys to the structure rules."""
    if not isinstance(document, dict):
        return []
    kind = typeschemas.document_kind(document.get("$schema"))
    found = typeschemas.document_schema(kind) if kind else None
    if kind is None or found is None:
        return []
    node, defs = found
    checker = _Checker(defs, resolve, kind, skip_root=skip_root)
    checker.value(node, document, ())
    return checker.findings
