"""Does a known value fit a parameter declaration? Shared by the parameter-file and nested-deployment rules.

Declarations are read as ARM reads them: property names case-insensitively (``Type``), and in languageVersion
2.0 through ``$ref`` to the template's ``definitions`` (whose ``nullable`` makes the parameter optional).
"""

import operator
from typing import Any

from relecloud_templates.arm.values import MISSING, arm_type, get_ci, is_known, shown
from relecloud_templates.arm.vocabulary import VALUE_TYPES, is_secure_type

_REF = "#/definitions/"


def resolved(declaration: Any, definitions: Any = None) -> dict[str, Any]:
    """The declaration with what its ``$ref`` chain adds (its own keys win), keys in ARM's spelling looked up
    case-insensitively. {} for anything that is not an object."""
    if not isinstance(declaration, dict):
        return {}
    merged: dict[str, Any] = {}
    current: Any = declaration
    for _ in range(16):  # definitions may refer to each other in a circle
        for key in ("type", "nullable", "defaultValue", "allowedValues", "minValue", "maxValue", "minLength",
                    "maxLength"):
            if key not in merged:
                value = get_ci(current, key)
                if value is not MISSING:
                    merged[key] = value
        ref = get_ci(current, "$ref", None)
        if not (isinstance(ref, str) and ref.startswith(_REF) and isinstance(definitions, dict)):
            break
        current = get_ci(definitions, ref[len(_REF):], None)
        if not isinstance(current, dict):
            break
    return merged


def value_problems(declaration: Any, value: Any, definitions: Any = None) -> list[str]:
    """What is wrong with giving ``value`` (known) to a parameter declared as ``declaration``. For a secure
    parameter the problems never show the value, nor its length: it is a secret."""
    if not isinstance(declaration, dict) or not is_known(value):
        return []
    decl = resolved(declaration, definitions)
    secret = is_secure_type(decl.get("type"))
    if value is None and ("defaultValue" in decl or decl.get("nullable") is True):
        return []  # null means "use the default" (or "no value" for a nullable parameter)
    declared = decl.get("type")
    if not isinstance(declared, str) or declared.lower() not in VALUE_TYPES:
        return []
    actual = arm_type(value)
    if actual != VALUE_TYPES[declared.lower()]:
        return [f"expects {declared}, got {actual}"]
    problems = []
    allowed = decl.get("allowedValues")
    if isinstance(allowed, list) and is_known(allowed):
        if isinstance(value, list) and declared.lower() == "array":
            outside = [v for v in value if v not in allowed]
            if outside:
                problems.append(f"{shown(outside[0])} is not one of the allowed values {shown(allowed)}")
        elif value not in allowed:
            what = "the (secure) value" if secret else shown(value)
            problems.append(f"{what} is not one of the allowed values {shown(allowed)}")
    for key, test, words in (("minValue", operator.ge, "below the minimum"),
                             ("maxValue", operator.le, "above the maximum")):
        bound = decl.get(key)
        if isinstance(bound, int) and isinstance(value, int) and not isinstance(value, bool) and not test(value, bound):
            problems.append(f"{value} is {words} {bound}")
    if isinstance(value, (str, list)):
        for key, test, words in (("minLength", operator.ge, "shorter than"), ("maxLength", operator.le, "longer than")):
            bound = decl.get(key)
            if isinstance(bound, int) and not test(len(value), bound):
                size = "the (secure) value" if secret else f"length {len(value)}"
                problems.append(f"{size} is {words} {key} {bound}")
    return problems


def is_required(declaration: Any, definitions: Any = None) -> bool:
    """Whether a deployment must give the parameter a value: no default, and not nullable (itself or its type)."""
    if not isinstance(declaration, dict):
        return False
    decl = resolved(declaration, definitions)
    return "defaultValue" not in decl and decl.get("nullable") is not True
