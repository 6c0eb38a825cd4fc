"""Check resources and deployment documents against the bundled Azure schemas (arm/typeschemas.py).

What is judged, and what is not:

- A resource's type must be in the type index and its API version must be one the type has; only then is
  its body checked, against the property schema of exactly that type@apiVersion when relecloud ships one, and
  against nothing but the template engine's own keys (condition, dependsOn, copy, ...) when it does not.
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

from dataclasses import dataclass
from typing import Any, Callable

from relecloud_templates.arm import typeschemas
from relecloud_templates.arm.expressions import is_expression, literal_value
from relecloud_templates.arm.values import UNKNOWN, arm_type
from relecloud_templates.located import Pos, key_pos, pos_at_path
from relecloud_templates.suggest import closest, did_you_mean

UNKNOWN_TYPE = "unknown-type"
UNKNOWN_API_VERSION = "unknown-api-version"
UNKNOWN_PROPERTY = "unknown-property"
PROPERTY_CASING = "property-casing"
WRONG_TYPE = "wrong-type"
NOT_ALLOWED_VALUE = "not-allowed-value"
MISSING_REQUIRED = "missing-required"

Path = tuple  # of str | int
Resolver = Callable[[Any], Any]  # a template value -> its known value, or UNKNOWN

# Keys of a resource that other checks own: nested children are checked as resources of their own type, and
# the type and API version against the type index.
_NOT_BODY = frozenset({"resources", "type", "apiversion"})
_SCALARS = frozenset({"string", "integer", "number", "boolean"})
_ARTICLE = {"array": "an array", "object": "an object", "integer": "an integer"}


@dataclass(frozen=True)
class SchemaFinding:
    kind: str  # one of the constants above
    path: Path  # relative to the checked resource or document
    message: str
    hint: str = ""
    at_key: bool = False  # True: point at the property name; False: at the value


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
        return key_pos(parent, finding.path[-1])
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


def node_kinds(node: dict, deref: Callable[[dict], dict]) -> set[str] | None:
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


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).lower()


def _describe(value: Any) -> str:
    kind = json_kind(value)
    if kind in ("string",):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {shown!r}"
    if kind in ("integer", "number", "boolean"):
        return f"{kind} {_scalar_text(value)}"
    return _ARTICLE.get(kind, f"a {kind}")


_HOW_TO_WRITE = {"boolean": "true or false, without quotes", "integer": "a whole number, without quotes",
                 "number": "a number, without quotes", "array": "a JSON array [ ... ]", "object": "a JSON object { ... }"}


def _type_hint(types, subject: str) -> str:
    ways = [_HOW_TO_WRITE[t] for t in sorted(types) if t in _HOW_TO_WRITE]
    if len(ways) == 1:
        return f"write {ways[0]} (as the {subject} schema says)"
    return f"the {subject} schema says {_expected(types)}"


def _expected(types) -> str:
    names = [_ARTICLE.get(t, f"a {t}") for t in sorted(types)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class _Checker:
    def __init__(self, defs: dict, resolve: Resolver, subject: str, skip_root: bool = False):
        self.defs = defs
        self.resolve = resolve
        self.subject = subject  # how messages name what is checked, e.g. Microsoft.Storage/storageAccounts@2026-04-01
        self.skip_root = skip_root  # leave the document's own keys to the structure rules
        self.findings: list[SchemaFinding] = []

    def report(self, kind: str, path: Path, message: str, hint: str = "", at_key: bool = False) -> None:
        self.findings.append(SchemaFinding(kind, path, message, hint, at_key))

    def deref(self, node: dict) -> dict:
        seen = 0
        while "$" in node and seen < 64:
            node = self.defs.get(node["$"], {})
            seen += 1
        return node

    def value(self, node: dict, value: Any, path: Path) -> None:
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
            self.report(WRONG_TYPE, path, f"{show_path(path)} expects {_expected(types)}, not {_describe(value)}",
                        _type_hint(types, self.subject))
            return
        if "O" in node:
            return
        if "E" in node and json_kind(value) in _SCALARS:
            allowed = {_scalar_text(v) for v in node["E"]}
            if _scalar_text(value) not in allowed:
                shown = [str(v) for v in node["E"]]
                self.report(NOT_ALLOWED_VALUE, path,
                            f"{show_path(path)} does not allow {_describe(value)}",
                            _allowed_hint(str(value), shown))
                return
        if isinstance(value, dict):
            self.object(node, value, path)
        elif isinstance(value, list) and "I" in node:
            for i, item in enumerate(value):
                self.value(node["I"], item, path + (i,))

    def object(self, node: dict, obj: dict, path: Path) -> None:
        base_props = node.get("P", {})
        if "D" in node:
            variant = self.variant(node, obj, path)
            if variant is None:
                self.properties(base_props, node.get("R", ()), obj, path, closed=False, extra=None)
                return
            node = variant
        props = {**base_props, **node.get("P", {})}
        self.properties(props, node.get("R", ()), obj, path, closed=bool(node.get("X")), extra=node.get("A"))

    def variant(self, node: dict, obj: dict, path: Path) -> dict | None:
        """The member of a discriminated union that ``obj`` is, or None when that cannot be known."""
        union = node["D"]
        key = _key_ci(obj, union["p"])
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
        self.report(NOT_ALLOWED_VALUE, path + (key,), f"{show_path(path + (key,))} does not allow {_describe(value)}",
                    _allowed_hint(value, list(union["v"])))
        return None

    def properties(self, props: dict, required, obj: dict, path: Path, *, closed: bool, extra) -> None:
        at_root = self.skip_root and not path
        by_lower = {name.lower(): name for name in props}
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
                self.report(PROPERTY_CASING, path + (key,),
                            f"'{key}' is spelled '{name}' in the {self.subject} schema",
                            f"write '{name}'; ARM matches property names case-insensitively, other tools may not",
                            at_key=True)
            self.value(props[name], value, path + (key,))
        if at_root or generated is UNKNOWN:
            return
        present = {k.lower() for k in obj if isinstance(k, str)} | (generated or set())
        for name in required:
            if name.lower() not in present:
                self.report(MISSING_REQUIRED, path, f"{show_path(path)} is missing required property '{name}'",
                            f"the {self.subject} schema requires '{name}'")

    def copy_loops(self, props: dict, by_lower: dict, obj: dict, path: Path):
        """Property names a property ``copy`` loop generates (their inputs are checked as array items):
        None when the object has no such loop, UNKNOWN when the loop cannot be read."""
        key = _key_ci(obj, "copy")
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
            items = self.deref(props[target]).get("I") if target else None
            if items is not None and "input" in loop:
                self.value(items, loop["input"], path + (key, i, "input"))
        return names


def _key_ci(obj: dict, name: str) -> str | None:
    if name in obj:
        return name
    lowered = name.lower()
    return next((k for k in obj if isinstance(k, str) and k.lower() == lowered), None)


def _allowed_hint(value: str, allowed: list[str]) -> str:
    best = closest(value, allowed)
    shown = ", ".join(repr(a) for a in allowed[:12]) + (f" and {len(allowed) - 12} more" if len(allowed) > 12 else "")
    if best is not None and best != value:
        return f"did you mean {best!r}? allowed: {shown}"
    return f"allowed: {shown}"


# ---------------------------------------------------------------------------------------------------------
# Resources


def _type_of(node: dict, type_name: str | None, resolve: Resolver) -> str | None:
    if type_name is not None:
        return type_name
    raw = node.get("type")
    value = resolve(raw) if isinstance(raw, str) else None
    return value if isinstance(value, str) else None


def is_extension_path_type(type_name: str) -> bool:
    """Types like ``Microsoft.Sql/servers/providers/diagnosticSettings``: an extension resource addressed
    through its parent, whose real type depends on the name; the index cannot judge them."""
    return "providers" in [segment.lower() for segment in type_name.split("/")[1:]]


def unknown_type_finding(type_name: str) -> SchemaFinding:
    namespace, _, rest = type_name.partition("/")
    known = typeschemas.namespaces()
    canonical_namespace = known.get(namespace.lower())
    if canonical_namespace is not None:
        message = f"unknown resource type '{type_name}': {canonical_namespace} has no such type"
        suggestion = closest(type_name, typeschemas.types_in_namespace(namespace))
    else:
        message = f"unknown resource type '{type_name}': no Azure schema has the namespace '{namespace}'"
        near_namespace = closest(namespace, known.values(), cutoff=0.85)
        suggestion = None
        if near_namespace is not None:
            suggestion = closest(f"{near_namespace}/{rest}", typeschemas.types_in_namespace(near_namespace))
    entry = typeschemas.lookup(suggestion) if suggestion else None
    if entry is None:
        return SchemaFinding(UNKNOWN_TYPE, ("type",), message,
                             "check the type against the resource provider's REST API reference")
    return SchemaFinding(UNKNOWN_TYPE, ("type",), message,
                         f"did you mean '{entry.name}'? its newest API version is '{entry.newest}'")


def unknown_version_finding(entry: typeschemas.ResourceType, api_version: str, key: str) -> SchemaFinding:
    near = closest(api_version, entry.api_versions, cutoff=0.8)
    parts = [f"did you mean '{near}'?"] if near else []
    parts.append(f"the newest is '{entry.newest}'")
    if entry.schema_versions:
        parts.append("relecloud checks the properties of " + ", ".join(f"'{v}'" for v in entry.schema_versions))
    return SchemaFinding(UNKNOWN_API_VERSION, (key,),
                         f"{entry.name} has no API version '{api_version}'", "; ".join(parts))


def check_resource(node: Any, type_name: str | None = None, *, resolve: Resolver = literal,
                   scope: str | None = None) -> list[SchemaFinding]:
    """Findings on one resource (its nested ``resources`` are not visited; check them as resources of their
    own, with their full type). ``type_name`` is the full type when the caller knows it (nested children
    write only their last segment); ``scope`` the deployment scope of the template that holds the resource."""
    if not isinstance(node, dict):
        return []
    type_name = _type_of(node, type_name, resolve)
    if type_name is None or is_extension_path_type(type_name):
        return []
    entry = typeschemas.lookup(type_name)
    if entry is None:
        return [unknown_type_finding(type_name)]
    findings: list[SchemaFinding] = []
    version_key = _key_ci(node, "apiVersion")
    api_version = resolve(node[version_key]) if version_key else UNKNOWN
    schema = None
    if isinstance(api_version, str):
        canonical = entry.canonical_version(api_version)
        if canonical is None:
            findings.append(unknown_version_finding(entry, api_version, version_key))
        elif canonical in entry.schema_versions:
            schema = typeschemas.schema_for(entry.name, canonical, scope)
    if node.get("existing") is True:
        return findings  # a reference to a resource deployed elsewhere: it has no body to check
    envelope, envelope_defs = _envelope()
    if schema is None:
        resource_node, defs, subject = {"P": envelope["P"]}, envelope_defs, entry.name
    else:
        resource_node = dict(schema.resource)
        resource_node["P"] = {**envelope["P"], **schema.resource.get("P", {})}
        defs = {**envelope_defs, **schema.defs}
        subject = f"{schema.type_name}@{schema.api_version}"
    body = {k: v for k, v in node.items() if not (isinstance(k, str) and k.lower() in _NOT_BODY)}
    checker = _Checker(defs, resolve, subject)
    checker.value(resource_node, body, ())  # same keys as the resource, so paths stay valid on it
    return findings + checker.findings


def _envelope() -> tuple[dict, dict]:
    found = typeschemas.document_schema("resourceEnvelope")
    if found is None:
        raise FileNotFoundError("the bundled ARM data has no resource envelope; regenerate it")
    return found


def check_document(document: Any, *, resolve: Resolver = literal, skip_root: bool = True) -> list[SchemaFinding]:
    """Findings on a deployment document (template of any scope, or parameters file) against the schema its
    ``$schema`` names; nothing when it names none that is bundled. Resources are left to ``check_resource``.
    ``skip_root``: leave unknown and missing top-level keys to the structure rules."""
    if not isinstance(document, dict):
        return []
    kind = typeschemas.document_kind(document.get("$schema"))
    found = typeschemas.document_schema(kind) if kind else None
    if found is None:
        return []
    node, defs = found
    checker = _Checker(defs, resolve, kind, skip_root=skip_root)
    checker.value(node, document, ())
    return checker.findings
