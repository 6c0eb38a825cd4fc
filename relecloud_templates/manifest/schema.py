"""Check a loaded manifest against schemas/manifest.schema.json, each problem located and explained."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from relecloud_templates import resources
from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.located import key_pos, pos_at_path, value_at
from relecloud_templates.manifest.problems import problem
from relecloud_templates.suggest import did_you_mean


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads((resources.schemas_dir() / "manifest.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    # jsonschema is imported here, and only for a manifest that breaks the schema (_conforms tells): loading it
    # costs a fifth of a cold validate of the rendered estate.
    from jsonschema import Draft202012Validator

    schema = _schema()
    return schema, Draft202012Validator(schema)


def defaults_keys() -> dict[str, frozenset[str]]:
    """Which keys each `defaults` section may set, as the schema says."""
    schema = _schema()
    sections = schema["$defs"]["defaults"]["properties"]
    return {name: frozenset(section["propertyNames"]["enum"]) for name, section in sections.items()}


def _describe_path(path: tuple) -> str:
    parts = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(f".{step}" if parts else str(step))
    return "".join(parts) or "the manifest"


def _resolve(schema: dict, subschema: dict) -> dict:
    ref = subschema.get("$ref")
    if ref and ref.startswith("#/$defs/"):
        return schema["$defs"][ref.split("/")[-1]]
    return subschema


def _leaf_errors(error) -> Iterator:
    """The most specific errors: jsonschema nests the real cause under anyOf/oneOf contexts."""
    if error.context:
        for sub in error.context:
            yield from _leaf_errors(sub)
    else:
        yield error


def check_schema(data: Any, path: str) -> list[Diagnostic]:
    if _conforms(_schema(), _schema(), data):
        return []
    schema, validator = _validator()
    problems: list[Diagnostic] = []
    for error in validator.iter_errors(data):
        for leaf in _leaf_errors(error):
            problems.append(_diagnostic(schema, leaf, data, path))
    return problems


def _diagnostic(schema: dict, error, data: Any, path: str) -> Diagnostic:
    where = tuple(error.absolute_path)
    pos = pos_at_path(data, where)
    hint, name = "", "schema"
    message = f"{_describe_path(where)}: {error.message}"
    validator = error.validator
    if validator == "additionalProperties":
        container = error.instance
        allowed = sorted(_resolve(schema, error.schema).get("properties", {}))
        extras = [k for k in container if k not in allowed] if isinstance(container, dict) else []
        if extras:
            extra = extras[0]
            pos = key_pos(container, extra)
            message = f"{_describe_path(where)}: unknown property {extra!r}"
            hint = did_you_mean(extra, allowed)
            name = "unknown-property"
    elif validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        message = f"{_describe_path(where)}: missing required property {missing!r}"
        description = _resolve(schema, error.schema).get("properties", {}).get(missing, {})
        hint = description.get("description", "")
        name = "missing-property"
    elif validator == "enum" and "propertyNames" in error.relative_schema_path:
        allowed = [str(v) for v in error.validator_value]
        message = f"{_describe_path(where)}: {error.instance!r} cannot be set here"
        pos = key_pos(value_at(data, where), error.instance)
        hint = did_you_mean(str(error.instance), allowed)
        name = "unknown-property"
    elif validator == "enum":
        allowed = [str(v) for v in error.validator_value]
        message = f"{_describe_path(where)}: {error.instance!r} is not one of {', '.join(allowed)}"
        hint = did_you_mean(str(error.instance), allowed)
        name = "invalid-value"
    elif validator == "type":
        expected = error.validator_value
        message = (
            f"{_describe_path(where)}: expected {expected}, found {type(error.instance).__name__} {error.instance!r}"
        )
        name = "wrong-type"
    elif validator == "pattern" and "propertyNames" in error.relative_schema_path:
        container = value_at(data, where)
        message = f"{_describe_path(where)}: {error.instance!r} is not a valid name"
        pos = key_pos(container, error.instance) if isinstance(container, dict) else pos
        hint = error.schema.get("description") or _resolve(schema, error.schema).get("description", "")
        name = "invalid-value"
    elif validator == "pattern":
        description = error.schema.get("description") or _resolve(schema, error.schema).get("description", "")
        message = f"{_describe_path(where)}: {error.instance!r} is not a valid value"
        hint = description or f"it must match {error.validator_value}"
        name = "invalid-value"
    elif validator == "const":
        message = f"{_describe_path(where)}: must be {error.validator_value!r}, found {error.instance!r}"
        name = "invalid-value"
    return problem(name, message, path, pos, hint)


# -- the common case, without jsonschema ------------------------------------------------------------------------

_ANNOTATIONS = frozenset({"description", "title", "default", "examples", "$comment", "$schema", "$id", "$defs"})
_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


def _conforms(root: dict, schema: Any, value: Any) -> bool:
    """True only when ``value`` certainly meets ``schema`` (JSON Schema 2020-12, as jsonschema judges it), for the
    keywords the manifest schema uses; False when it does not, or when a keyword or value is beyond this check (a
    reference outside ``$defs``, an enum of numbers...): jsonschema then decides, and says why."""
    if schema is True:
        return True
    if not isinstance(schema, dict):
        return False
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None or not check(root, schema, expected, value):
            return False
    return True


def _ref(root: dict, schema: dict, ref: Any, value: Any) -> bool:
    """A reference inside the schema (a JSON pointer: ``#/$defs/integration/properties/computePool``)."""
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return False
    target: Any = root
    for step in ref[2:].split("/"):
        step = step.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or step not in target:
            return False
        target = target[step]
    return _conforms(root, target, value)


def _type(root: dict, schema: dict, expected: Any, value: Any) -> bool:
    names = expected if isinstance(expected, list) else [expected]
    return any(name in _TYPES and _TYPES[name](value) for name in names)


def _properties(root: dict, schema: dict, properties: Any, value: Any) -> bool:
    if not isinstance(value, dict):
        return True
    return isinstance(properties, dict) and all(
        _conforms(root, properties[key], item) for key, item in value.items() if key in properties)


def _additional(root: dict, schema: dict, additional: Any, value: Any) -> bool:
    if not isinstance(value, dict):
        return True
    if "patternProperties" in schema:
        return False
    declared = schema.get("properties", {})
    extra = [item for key, item in value.items() if key not in declared]
    if additional is False:
        return not extra
    return all(_conforms(root, additional, item) for item in extra)


def _required(root: dict, schema: dict, required: Any, value: Any) -> bool:
    return not isinstance(value, dict) or all(key in value for key in required)


def _plain_equal(value: Any, allowed: Any) -> bool | None:
    """Whether two JSON values are equal, for strings and numbers (None: a comparison left to jsonschema)."""
    if isinstance(allowed, str):
        return isinstance(value, str) and value == allowed
    if isinstance(allowed, (int, float)) and not isinstance(allowed, bool):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            return None
        return not isinstance(value, str) and value == allowed
    return None


def _enum(root: dict, schema: dict, allowed: Any, value: Any) -> bool:
    if not isinstance(allowed, list):
        return False
    results = [_plain_equal(value, option) for option in allowed]
    return None not in results and any(results)


def _const(root: dict, schema: dict, allowed: Any, value: Any) -> bool:
    return bool(_plain_equal(value, allowed))


def _pattern(root: dict, schema: dict, pattern: Any, value: Any) -> bool:
    return not isinstance(value, str) or re.search(pattern, value) is not None


def _items(root: dict, schema: dict, items: Any, value: Any) -> bool:
    return not isinstance(value, list) or all(_conforms(root, items, item) for item in value)


def _unique(root: dict, schema: dict, unique: Any, value: Any) -> bool:
    if not isinstance(value, list) or unique is not True:
        return isinstance(unique, bool)
    return all(isinstance(item, str) for item in value) and len(set(value)) == len(value)


def _property_names(root: dict, schema: dict, names: Any, value: Any) -> bool:
    return not isinstance(value, dict) or all(_conforms(root, names, key) for key in value)


def _bound(kind: Any, measure: Any, compare: Any) -> Any:
    """A limit keyword (maxLength, minItems, maximum...) that applies to values of ``kind`` only."""
    def check(root: dict, schema: dict, limit: Any, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, kind):
            return True
        return isinstance(limit, (int, float)) and not isinstance(limit, bool) and compare(measure(value), limit)
    return check


_KEYWORDS = {
    "$ref": _ref, "type": _type, "properties": _properties, "additionalProperties": _additional,
    "required": _required, "enum": _enum, "const": _const, "pattern": _pattern, "items": _items,
    "uniqueItems": _unique, "propertyNames": _property_names,
    "maxLength": _bound(str, len, lambda n, limit: n <= limit),
    "minLength": _bound(str, len, lambda n, limit: n >= limit),
    "maxItems": _bound(list, len, lambda n, limit: n <= limit),
    "minItems": _bound(list, len, lambda n, limit: n >= limit),
    "maxProperties": _bound(dict, len, lambda n, limit: n <= limit),
    "minProperties": _bound(dict, len, lambda n, limit: n >= limit),
    "maximum": _bound((int, float), lambda n: n, lambda n, limit: n <= limit),
    "minimum": _bound((int, float), lambda n: n, lambda n, limit: n >= limit),
}
