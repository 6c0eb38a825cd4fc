"""The two markers of partial knowledge that evaluation and the rules share.

``UNKNOWN`` stands for a value that exists at deployment time but cannot be known from the files alone
(``reference()``, ``list*()``, a required parameter nobody supplied, ``resourceGroup().location``...).
``MISSING`` stands for a property that is not written at all. Rules must tell the two apart: a missing
``minimumTlsVersion`` is a finding, an unknown one is not.
"""

from __future__ import annotations

from typing import Any


class _Marker:
    __slots__ = ("_name",)

    def __init__(self, name: str):
        self._name = name

    def __repr__(self) -> str:
        return self._name

    def __bool__(self) -> bool:
        # Truth-testing a marker is always a bug in the caller: it would silently read as True or False.
        raise TypeError(f"{self._name} has no truth value; compare with `is`")

    def __reduce__(self) -> str:
        return self._name


UNKNOWN = _Marker("UNKNOWN")
MISSING = _Marker("MISSING")


def is_known(value: Any) -> bool:
    """True when ``value`` is fully known: no UNKNOWN anywhere inside it."""
    if value is UNKNOWN or value is MISSING:
        return False
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    return True


def get_ci(mapping: dict[str, Any], key: str, default: Any = MISSING) -> Any:
    """``mapping[key]`` with ARM's case-insensitive property names."""
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    for k, v in mapping.items():
        if isinstance(k, str) and k.lower() == lowered:
            return v
    return default


def key_ci(mapping: dict[str, Any], key: str) -> str | None:
    """The spelling of ``key`` as written in ``mapping`` (case-insensitive), or None."""
    if key in mapping:
        return key
    lowered = key.lower()
    for k in mapping:
        if isinstance(k, str) and k.lower() == lowered:
            return k
    return None


_TYPE_NAMES = {str: "string", bool: "bool", int: "int", float: "number", type(None): "null", list: "array",
               dict: "object"}


def arm_type(value: Any) -> str:
    """The ARM type name of a known Python value (for messages and parameter type checks)."""
    name = _TYPE_NAMES.get(value.__class__)  # the plain classes, by a look-up: every value a schema check judges
    if name is not None:
        return name
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "null"
    if isinstance(value, float):
        return "number"
    return "unknown"


def shown(value: Any) -> str:
    """A known value as a template author wrote it: JSON's true/false/null, strings in quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, separators=(", ", ": "), default=repr)
    return repr(value)
