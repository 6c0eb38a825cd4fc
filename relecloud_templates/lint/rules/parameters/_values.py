"""Does a known value fit a parameter declaration? Shared by the parameter-file and nested-deployment rules."""

from typing import Any

from relecloud_templates.arm.values import arm_type, is_known, shown
from relecloud_templates.arm.vocabulary import VALUE_TYPES



def value_problems(declaration: Any, value: Any) -> list[str]:
    """What is wrong with giving ``value`` (known) to a parameter declared as ``declaration``."""
    if not isinstance(declaration, dict) or not is_known(value):
        return []
    declared = declaration.get("type")
    if not isinstance(declared, str) or declared.lower() not in VALUE_TYPES:
        return []
    actual = arm_type(value)
    if value is None and declaration.get("nullable") is True:
        return []
    if actual != VALUE_TYPES[declared.lower()]:
        return [f"expects {declared}, got {actual}"]
    problems = []
    allowed = declaration.get("allowedValues")
    if isinstance(allowed, list) and is_known(allowed):
        if isinstance(value, list) and declared.lower() == "array":
            outside = [v for v in value if v not in allowed]
            if outside:
                problems.append(f"{outside[0]!r} is not one of the allowed values {allowed}")
        elif value not in allowed:
            problems.append(f"{shown(value)} is not one of the allowed values {allowed}")
    for key, test, words in (("minValue", lambda v, b: v >= b, "below the minimum"),
                             ("maxValue", lambda v, b: v <= b, "above the maximum")):
        bound = declaration.get(key)
        if isinstance(bound, int) and isinstance(value, int) and not isinstance(value, bool) and not test(value, bound):
            problems.append(f"{value} is {words} {bound}")
    if isinstance(value, (str, list)):
        for key, test, words in (("minLength", lambda n, b: n >= b, "shorter than"),
                                 ("maxLength", lambda n, b: n <= b, "longer than")):
            bound = declaration.get(key)
            if isinstance(bound, int) and not test(len(value), bound):
                problems.append(f"length {len(value)} is {words} {key} {bound}")
    return problems


def is_required(declaration: Any) -> bool:
    return isinstance(declaration, dict) and "defaultValue" not in declaration and declaration.get("nullable") is not True
