"""The ARM template functions: arity of every function, and pure implementations of those whose result
follows from their arguments alone.

Functions whose value only exists at deployment time (``reference``, ``list*``, ``utcNow``, ``newGuid``,
``resourceGroup``...) have no implementation here: the evaluator returns UNKNOWN for them. Implementations
take already evaluated arguments and may assume none of them is UNKNOWN at the top level; a value nested
inside an argument can still be UNKNOWN, which is why the deep-inspecting ones check ``is_known``.
Evaluation-time control functions (``if``, ``and``, ``parameters``, ``copyIndex``...) live in evaluate.py,
because they need the evaluator; they are only listed here for their arity.

A function raising ``ArmFunctionError`` means the deployment itself would fail on these values; the evaluator
turns that into UNKNOWN (and the expression rules may report it), never into a crash.
"""

from __future__ import annotations

import base64
import json
import math
import re
import urllib.parse
from collections.abc import Callable
from typing import Any, TypeVar, overload

from relecloud_templates.arm.values import UNKNOWN, arm_type, get_ci, is_known

VARIADIC = 10_000


class ArmFunctionError(ValueError):
    """The function cannot produce a value for these arguments (ARM would fail the deployment)."""


# name (lower case) -> (minimum arguments, maximum arguments)
ARITY: dict[str, tuple[int, int]] = {
    # array and object
    "array": (1, 1), "concat": (1, VARIADIC), "contains": (2, 2), "createarray": (0, VARIADIC),
    "createobject": (0, VARIADIC), "empty": (1, 1), "first": (1, 1), "flatten": (1, 1), "indexof": (2, 2),
    "indexfromend": (2, 2), "intersection": (2, VARIADIC), "items": (1, 1), "join": (2, 2), "json": (1, 1),
    "last": (1, 1), "lastindexof": (2, 2), "length": (1, 1), "max": (1, VARIADIC), "min": (1, VARIADIC),
    "null": (0, 0), "objectkeys": (1, 1), "range": (2, 2), "shallowmerge": (1, 1), "skip": (2, 2),
    "take": (2, 2), "tryget": (2, VARIADIC), "tryindexfromend": (2, 2), "union": (1, VARIADIC),
    "distinct": (1, 1),
    # lambdas
    "filter": (2, 2), "groupby": (2, 3), "lambda": (1, VARIADIC), "lambdavariables": (1, 1), "map": (2, 2),
    "mapvalues": (2, 2), "reduce": (3, 3), "sort": (2, 2), "toobject": (2, 3),
    # CIDR
    "cidrhost": (2, 2), "cidrsubnet": (3, 3), "parsecidr": (1, 1),
    # comparison and logic
    "and": (2, VARIADIC), "bool": (1, 1), "coalesce": (1, VARIADIC), "equals": (2, 2), "false": (0, 0),
    "greater": (2, 2), "greaterorequals": (2, 2), "if": (3, 3), "less": (2, 2), "lessorequals": (2, 2),
    "not": (1, 1), "or": (2, VARIADIC), "true": (0, 0),
    # dates
    "datetimeadd": (2, 3), "datetimefromepoch": (1, 1), "datetimetoepoch": (1, 1), "utcnow": (0, 1),
    # deployment
    "deployer": (0, 0), "deployment": (0, 0), "environment": (0, 0), "externalinputs": (1, 1),
    "parameters": (1, 1), "variables": (1, 1), "extensions": (0, 1), "fail": (1, 1),
    # numbers
    "add": (2, 2), "copyindex": (0, 2), "div": (2, 2), "float": (1, 1), "int": (1, 1), "mod": (2, 2),
    "mul": (2, 2), "sub": (2, 2),
    # resources and scopes
    "extensionresourceid": (3, VARIADIC), "managementgroup": (0, 1), "managementgroupresourceid": (2, VARIADIC),
    "pickzones": (3, 5), "providers": (1, 2), "reference": (1, 3), "references": (1, 2),
    "resourcegroup": (0, 0), "resourceid": (2, VARIADIC), "resourceinfo": (1, 1), "subscription": (0, 0),
    "subscriptionresourceid": (2, VARIADIC), "tenant": (0, 0), "tenantresourceid": (2, VARIADIC),
    "tologicalzone": (3, 3), "tophysicalzone": (3, 3), "tologicalzones": (3, 3),
    "tophysicalzones": (3, 3), "list": (2, 3), "roledefinitions": (1, 1),
    # strings
    "base64": (1, 1), "base64tojson": (1, 1), "base64tostring": (1, 1), "datauri": (1, 1),
    "datauritostring": (1, 1), "endswith": (2, 2), "format": (1, VARIADIC), "guid": (1, VARIADIC),
    "newguid": (0, 0), "padleft": (2, 3), "replace": (3, 3), "split": (2, 2), "startswith": (2, 2),
    "like": (2, 2), "string": (1, 1), "substring": (1, 3), "tolower": (1, 1), "toupper": (1, 1), "trim": (1, 1),
    "uniquestring": (1, VARIADIC), "uri": (2, 2), "uricomponent": (1, 1), "uricomponenttostring": (1, 1),
}

# Functions whose results exist only at deployment time.
RUNTIME_ONLY = frozenset({
    "reference", "references", "resourcegroup", "subscription", "tenant", "managementgroup", "deployment",
    "deployer", "environment", "utcnow", "newguid", "providers", "pickzones", "externalinputs",
    "tologicalzone", "tophysicalzone", "tologicalzones", "tophysicalzones",
    "datetimeadd", "datetimefromepoch", "datetimetoepoch", "resourceinfo", "extensions", "list", "roledefinitions",
    # fail() stops the deployment: it has no value
    "fail",
    # deterministic, but their value (a hash, a GUID, a full resource id) depends on the deployment's scope
    "uniquestring", "guid", "resourceid", "subscriptionresourceid", "tenantresourceid",
    "managementgroupresourceid", "extensionresourceid",
    # lambdas are not evaluated: their bodies name variables only known while iterating
    "filter", "groupby", "lambda", "lambdavariables", "map", "mapvalues", "reduce", "sort", "toobject",
    "cidrhost", "cidrsubnet", "parsecidr",
})


def arity(name: str) -> tuple[int, int] | None:
    """(min, max) arguments of a built-in function, or None when ``name`` is not one."""
    lowered = name.lower()
    if lowered in ARITY:
        return ARITY[lowered]
    if lowered.startswith("list") and len(lowered) > 4:  # listKeys, listSecrets, listAccountSas, ...
        return (1, 3)
    return None


def is_runtime_only(name: str) -> bool:
    lowered = name.lower()
    return lowered in RUNTIME_ONLY or (lowered.startswith("list") and lowered not in ARITY)


def known_names() -> list[str]:
    return sorted(ARITY)


# ---------------------------------------------------------------------------------------------------------
# Helpers


_T = TypeVar("_T")


@overload
def _need(value: Any, kind: type[_T], /, *, what: str = "argument") -> _T: ...
@overload
def _need(value: Any, *types: type, what: str = "argument") -> Any: ...
def _need(value: Any, *types: type, what: str = "argument") -> Any:
    if isinstance(value, bool) and bool not in types:
        raise ArmFunctionError(f"expected {what} of type {'/'.join(t.__name__ for t in types)}, got bool")
    if not isinstance(value, types):
        raise ArmFunctionError(f"expected {what} of type {'/'.join(t.__name__ for t in types)}, got {arm_type(value)}")
    return value


def _int(value: Any) -> int:
    return _need(value, int, what="an integer")


def arm_string(value: Any) -> str:
    """How ARM turns a value into text (``string()``, ``format()``, ``concat()`` of mixed values)."""
    if not is_known(value):
        raise ArmFunctionError("value not known")
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _key(value: Any) -> str:
    """A text equal for values ARM considers equal and different otherwise (1 is not true), for known values:
    comparing and de-duplicating by it takes time linear in the values' size."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _known_equals(a: Any, b: Any, b_key: str | None = None) -> Any:
    """arm_equals for two values known to be known (``b_key``: ``_key(b)``, when comparing many with one)."""
    if isinstance(a, str) and isinstance(b, str) and a != b and a.lower() == b.lower():
        # Whether ARM folds case here is not documented; a rule must not rest on the guess.
        return UNKNOWN
    return _key(a) == (b_key if b_key is not None else _key(b))


def arm_equals(a: Any, b: Any) -> Any:
    """Deep equality with ARM's typing (1 is not true); UNKNOWN when the answer is not certain."""
    if not (is_known(a) and is_known(b)):
        return UNKNOWN
    return _known_equals(a, b)


def _first_equal(items: Any, item: Any) -> Any:
    """The index of the first of ``items`` equal to ``item`` (-1 when none is), UNKNOWN when an unknown or a
    case-folded one comes first; linear in the size of both."""
    if not is_known(item):
        return UNKNOWN
    wanted = _key(item)
    for i, x in items:
        result = _known_equals(x, item, wanted) if is_known(x) else UNKNOWN
        if result is not False:
            return i if result is True else UNKNOWN
    return -1


def _contains(container: Any, item: Any) -> Any:
    if not is_known(item):
        return UNKNOWN
    if isinstance(container, str):
        return _need(item, str).lower() in container.lower()
    if isinstance(container, dict):
        _need(item, str)
        return any(isinstance(k, str) and k.lower() == item.lower() for k in container)
    if isinstance(container, list):
        wanted, uncertain = _key(item), False
        for x in container:
            result = _known_equals(x, item, wanted) if is_known(x) else UNKNOWN
            if result is True:
                return True
            uncertain = uncertain or result is UNKNOWN
        return UNKNOWN if uncertain else False
    raise ArmFunctionError("contains() needs a string, array or object")


def _length(value: Any) -> int:
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise ArmFunctionError("length() needs a string, array or object")


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return len(value) == 0
    raise ArmFunctionError("empty() needs a string, array, object or null")


def _concat(*args: Any) -> Any:
    if all(isinstance(a, list) for a in args):
        return [x for a in args for x in a]
    if any(isinstance(a, (list, dict)) for a in args):
        raise ArmFunctionError("concat() takes either arrays or strings, not both")
    return "".join(arm_string(a) for a in args)


def _union(*args: Any) -> Any:
    if all(isinstance(a, dict) for a in args):
        merged: dict[str, Any] = {}
        for a in args:
            for k, v in a.items():
                existing = merged.get(k)
                # union() merges nested objects of the same name, later values win otherwise
                if isinstance(existing, dict) and isinstance(v, dict):
                    merged[k] = _union(existing, v)
                else:
                    merged[k] = v
        return merged
    if all(isinstance(a, list) for a in args):
        if not all(is_known(a) for a in args):
            return UNKNOWN
        return _distinct([x for a in args for x in a])
    raise ArmFunctionError("union() takes all arrays or all objects")


def _intersection(*args: Any) -> Any:
    if not all(is_known(a) for a in args):
        return UNKNOWN
    if all(isinstance(a, dict) for a in args):
        first = args[0]
        return {k: v for k, v in first.items() if all(k in a and a[k] == v for a in args[1:])}
    if all(isinstance(a, list) for a in args):
        others = [{_key(x) for x in a} for a in args[1:]]
        return _distinct([x for x in args[0] if all(_key(x) in keys for keys in others)])
    raise ArmFunctionError("intersection() takes all arrays or all objects")


def _create_object(*args: Any) -> dict[str, Any]:
    if len(args) % 2:
        raise ArmFunctionError("createObject() needs key/value pairs")
    keys = args[0::2]
    for k in keys:
        _need(k, str, what="an object key")
    return dict(zip(keys, args[1::2]))


def _distinct(values: list[Any]) -> Any:
    """The values without repeats, in order (by ``_key``: linear, not quadratic, in their number)."""
    if not is_known(values):
        return UNKNOWN
    seen: set[str] = set()
    out: list[Any] = []
    for value in values:
        key = _key(value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _first(value: Any) -> Any:
    if isinstance(value, str):
        return value[:1]
    if isinstance(value, list):
        return value[0] if value else None
    raise ArmFunctionError("first() needs a string or an array")


def _last(value: Any) -> Any:
    if isinstance(value, str):
        return value[-1:]
    if isinstance(value, list):
        return value[-1] if value else None
    raise ArmFunctionError("last() needs a string or an array")


def _index_of(container: Any, item: Any, last: bool = False) -> Any:
    if isinstance(container, str):
        hay, needle = container.lower(), _need(item, str).lower()
        return hay.rfind(needle) if last else hay.find(needle)
    if isinstance(container, list):
        if not is_known(container):
            return UNKNOWN
        order = range(len(container) - 1, -1, -1) if last else range(len(container))
        return _first_equal(((i, container[i]) for i in order), item)
    raise ArmFunctionError("indexOf() needs a string or an array")


def _skip(value: Any, count: Any) -> Any:
    n = max(0, _int(count))
    if isinstance(value, (str, list)):
        return value[n:]
    raise ArmFunctionError("skip() needs a string or an array")


def _take(value: Any, count: Any) -> Any:
    n = max(0, _int(count))
    if isinstance(value, (str, list)):
        return value[:n]
    raise ArmFunctionError("take() needs a string or an array")


def _range(start: Any, count: Any) -> list[Any]:
    s, c = _int(start), _int(count)
    if c < 0 or c > 10_000:
        raise ArmFunctionError("range() count must be between 0 and 10000")
    return list(range(s, s + c))


def _numbers(args: tuple[Any, ...]) -> list[Any]:
    values = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    if not values:
        raise ArmFunctionError("needs at least one number")
    for v in values:
        if v is UNKNOWN:
            raise _Unknown()
        _int(v)
    return values


class _Unknown(Exception):
    """Internal: an UNKNOWN found inside an argument of a strict function."""


_BRACE = re.compile(r"[{}]")


def _format(fmt: Any, *args: Any) -> str:
    text = _need(fmt, str)
    out, i = [], 0
    while i < len(text):
        brace = _BRACE.search(text, i)
        if brace is None:  # the text between placeholders is copied whole
            out.append(text[i:])
            break
        if brace.start() > i:
            out.append(text[i : brace.start()])
            i = brace.start()
        ch = text[i]
        if ch == "{":
            if text.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            end = text.find("}", i)
            if end < 0:
                raise ArmFunctionError("format(): unclosed '{'")
            spec = text[i + 1 : end]
            index_text, _, number_format = spec.partition(":")
            try:
                index = int(index_text.split(",")[0])
            except ValueError:
                raise ArmFunctionError(f"format(): bad placeholder {{{spec}}}") from None
            if index < 0 or index >= len(args):
                raise ArmFunctionError(f"format(): placeholder {{{index}}} has no argument")
            if number_format:
                # .NET numeric format strings: not reproduced, the value stays unknown
                raise _Unknown()
            out.append(arm_string(args[index]))
            i = end + 1
        elif ch == "}" and text.startswith("}}", i):
            out.append("}")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _substring(value: Any, start: Any = 0, length: Any = None) -> str:
    text, s = _need(value, str), _int(start)
    if s < 0 or s > len(text):
        raise ArmFunctionError("substring(): start index out of range")
    if length is None:
        return text[s:]
    n = _int(length)
    if n < 0 or s + n > len(text):
        raise ArmFunctionError("substring(): length out of range")
    return text[s : s + n]


def _pad_left(value: Any, width: Any, pad: Any = " ") -> str:
    text = value if isinstance(value, str) else arm_string(value)
    pad_char = _need(pad, str)
    if len(pad_char) != 1:
        raise ArmFunctionError("padLeft(): the padding must be one character")
    return text.rjust(_int(width), pad_char)


def _split(value: Any, delimiter: Any) -> list[Any]:
    text = _need(value, str)
    if isinstance(delimiter, list):
        parts = [text]
        for d in delimiter:
            d = _need(d, str)
            parts = [piece for part in parts for piece in part.split(d)] if d else parts
        return parts
    d = _need(delimiter, str)
    return text.split(d) if d else [text]


def _join(values: Any, delimiter: Any) -> str:
    return _need(delimiter, str).join(arm_string(v) for v in _need(values, list))


def _json(value: Any) -> Any:
    try:
        return json.loads(_need(value, str))
    except json.JSONDecodeError as exc:
        raise ArmFunctionError(f"json(): not valid JSON ({exc.msg})") from None


def _int_of(value: Any) -> int:
    if isinstance(value, bool):
        raise ArmFunctionError("int() of a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    try:
        return int(_need(value, str).strip())
    except ValueError:
        raise ArmFunctionError(f"int(): {value!r} is not an integer") from None


def _bool_of(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    text = _need(value, str).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise ArmFunctionError(f"bool(): {value!r} is not a boolean")


def _div(a: Any, b: Any) -> int:
    x, y = _int(a), _int(b)
    if y == 0:
        raise ArmFunctionError("div(): division by zero")
    q = abs(x) // abs(y)  # .NET integer division truncates towards zero
    return q if (x >= 0) == (y >= 0) else -q


def _mod(a: Any, b: Any) -> int:
    x, y = _int(a), _int(b)
    if y == 0:
        raise ArmFunctionError("mod(): division by zero")
    return x - y * _div(x, y)


def _compare(a: Any, b: Any) -> int:
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    x, y = _int(a), _int(b)
    return (x > y) - (x < y)


def _object_keys(value: Any) -> list[Any]:
    return list(_need(value, dict).keys())


def _items(value: Any) -> list[Any]:
    return [{"key": k, "value": v} for k, v in sorted(_need(value, dict).items(), key=lambda kv: kv[0].lower())]


def _shallow_merge(values: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for v in _need(values, list):
        merged.update(_need(v, dict))
    return merged


def _flatten(values: Any) -> list[Any]:
    return [x for inner in _need(values, list) for x in _need(inner, list)]


def _try_get(value: Any, *keys: Any) -> Any:
    current = value
    for key in keys:
        if current is None:
            return None
        if isinstance(current, dict) and isinstance(key, str):
            current = get_ci(current, key, None)
        elif isinstance(current, list) and isinstance(key, int) and not isinstance(key, bool):
            current = current[key] if 0 <= key < len(current) else None
        else:
            return None
    return current


def _base64(value: Any) -> str:
    return base64.b64encode(_need(value, str).encode("utf-8")).decode("ascii")


def _base64_to_string(value: Any) -> str:
    try:
        return base64.b64decode(_need(value, str), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise ArmFunctionError("base64ToString(): not valid base64 text") from None


def _uri(base: Any, relative: Any) -> str:
    return urllib.parse.urljoin(_need(base, str), _need(relative, str))


PURE: dict[str, Callable[..., Any]] = {
    "array": lambda v: v if isinstance(v, list) else [v],
    "distinct": lambda v: _distinct(_need(v, list)),
    "concat": _concat,
    "contains": _contains,
    "createarray": lambda *a: list(a),
    "createobject": _create_object,
    "empty": _empty,
    "first": _first,
    "flatten": _flatten,
    "indexof": _index_of,
    "lastindexof": lambda c, i: _index_of(c, i, last=True),
    "intersection": _intersection,
    "items": _items,
    "join": _join,
    "json": _json,
    "last": _last,
    "length": _length,
    "max": lambda *a: max(_numbers(a)),
    "min": lambda *a: min(_numbers(a)),
    "null": lambda: None,
    "objectkeys": _object_keys,
    "range": _range,
    "shallowmerge": _shallow_merge,
    "skip": _skip,
    "take": _take,
    "tryget": _try_get,
    "union": _union,
    "bool": _bool_of,
    "equals": arm_equals,
    "false": lambda: False,
    "true": lambda: True,
    "greater": lambda a, b: _compare(a, b) > 0,
    "greaterorequals": lambda a, b: _compare(a, b) >= 0,
    "less": lambda a, b: _compare(a, b) < 0,
    "lessorequals": lambda a, b: _compare(a, b) <= 0,
    "not": lambda v: not _need(v, bool),
    "add": lambda a, b: _int(a) + _int(b),
    "sub": lambda a, b: _int(a) - _int(b),
    "mul": lambda a, b: _int(a) * _int(b),
    "div": _div,
    "mod": _mod,
    "int": _int_of,
    "float": lambda v: float(v) if isinstance(v, (int, float, str)) and not isinstance(v, bool) else _need(v, float),
    "base64": _base64,
    "base64tostring": _base64_to_string,
    "base64tojson": lambda v: _json(_base64_to_string(v)),
    "datauri": lambda v: "data:text/plain;charset=utf8;base64," + _base64(v),
    "endswith": lambda s, x: _need(s, str).lower().endswith(_need(x, str).lower()),
    "startswith": lambda s, x: _need(s, str).lower().startswith(_need(x, str).lower()),
    "format": _format,
    "padleft": _pad_left,
    "replace": lambda s, old, new: _need(s, str).replace(_need(old, str), _need(new, str)) if old else s,
    "split": _split,
    "string": arm_string,
    "substring": _substring,
    "tolower": lambda s: _need(s, str).lower(),
    "toupper": lambda s: _need(s, str).upper(),
    "trim": lambda s: _need(s, str).strip(),
    "uri": _uri,
    "uricomponent": lambda s: urllib.parse.quote(_need(s, str), safe=""),
    "uricomponenttostring": lambda s: urllib.parse.unquote(_need(s, str)),
}


def call_pure(name: str, args: list[Any]) -> Any:
    """Apply a pure function to known arguments; UNKNOWN when its value cannot be known."""
    impl = PURE.get(name)
    if impl is None:
        return UNKNOWN
    try:
        return impl(*args)
    except (_Unknown, ArmFunctionError, TypeError, ValueError, OverflowError, RecursionError, IndexError):
        return UNKNOWN
