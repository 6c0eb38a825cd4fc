"""Check a loaded manifest against schemas/manifest.schema.json, each problem located and explained."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterator

from relecloud_templates import resources
from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.located import key_pos, pos_at_path, value_at
from relecloud_templates.manifest.problems import problem
from relecloud_templates.suggest import did_you_mean


@lru_cache(maxsize=1)
def _validator():
    # jsonschema is imported here, not at module level: loading it costs more than the rest of validate.
    from jsonschema import Draft202012Validator

    schema = json.loads((resources.schemas_dir() / "manifest.schema.json").read_text(encoding="utf-8"))
    return schema, Draft202012Validator(schema)


def defaults_keys() -> dict[str, frozenset[str]]:
    """Which keys each `defaults` section may set, as the schema says."""
    schema, _ = _validator()
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
        message = f"{_describe_path(where)}: expected {expected}, found {type(error.instance).__name__} {error.instance!r}"
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
