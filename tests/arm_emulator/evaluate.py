"""Just enough of the ARM expression language for the emulator to name resources and compare them.

The emulator must know which resource a template declares (to remember it, report NoChange or Modify on a
later what-if, and create resource groups); it does not need to run every function. Anything it cannot
evaluate raises ``Unevaluable`` and the caller keeps the expression text, which is stable between runs of the
same template and parameters, so what-if comparisons still hold.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from relecloud_templates.arm import expressions as ex


class Unevaluable(Exception):
    pass


@dataclass(frozen=True)
class Scope:
    subscription_id: str
    resource_group: str | None
    location: str
    deployment_name: str
    parameters: dict = field(default_factory=dict)  # name -> value (defaults applied)
    variables: dict = field(default_factory=dict)  # name -> raw template value
    copy_index: int | None = None


def evaluate(value: Any, scope: Scope) -> Any:
    """``value`` with every expression evaluated; an expression that cannot be evaluated stays as written."""
    if isinstance(value, dict):
        return {k: evaluate(v, scope) for k, v in value.items()}
    if isinstance(value, list):
        return [evaluate(v, scope) for v in value]
    if isinstance(value, str):
        try:
            return evaluate_strict(value, scope)
        except Unevaluable:
            return value
    return value


def evaluate_strict(value: Any, scope: Scope) -> Any:
    if isinstance(value, dict):
        return {k: evaluate_strict(v, scope) for k, v in value.items()}
    if isinstance(value, list):
        return [evaluate_strict(v, scope) for v in value]
    if not isinstance(value, str):
        return value
    if not ex.is_expression(value):
        return ex.literal_value(value)
    try:
        node = ex.parse(value)
    except ex.ExpressionSyntaxError as exc:
        raise Unevaluable(str(exc)) from None
    return _eval(node, scope)


def unique_string(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(alphabet[b % 32] for b in digest[:13])


def _eval(node: ex.Node, scope: Scope) -> Any:
    if isinstance(node, (ex.StringLit, ex.NumberLit, ex.BoolLit)):
        return node.value
    if isinstance(node, ex.NullLit):
        return None
    if isinstance(node, ex.Property):
        target = _eval(node.target, scope)
        return _lookup(target, node.name)
    if isinstance(node, ex.Index):
        target, index = _eval(node.target, scope), _eval(node.index, scope)
        try:
            return _lookup(target, index) if isinstance(target, dict) else target[index]
        except (IndexError, TypeError):
            raise Unevaluable("bad index") from None
    if node.namespace is not None:
        raise Unevaluable(f"user function {node.qualified_name}")
    function = _FUNCTIONS.get(node.lower_name)
    if function is None:
        raise Unevaluable(f"function {node.name}")
    if node.lower_name == "if":  # lazy: only the chosen branch is evaluated
        cond = _eval(node.args[0], scope)
        return _eval(node.args[1] if cond else node.args[2], scope)
    args = [_eval(a, scope) for a in node.args]
    try:
        return function(scope, *args)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError) as exc:
        raise Unevaluable(f"{node.name}: {exc}") from None


def _lookup(target: Any, name: Any) -> Any:
    if isinstance(target, dict):
        for key, value in target.items():
            if str(key).lower() == str(name).lower():
                return value
    raise Unevaluable(f"no property {name!r}")


def _parameter(scope: Scope, name: str) -> Any:
    try:
        return _lookup(scope.parameters, name)
    except Unevaluable:
        raise Unevaluable(f"parameter {name}") from None


def _variable(scope: Scope, name: str) -> Any:
    return evaluate_strict(_lookup(scope.variables, name), scope)


def _resource_id(scope: Scope, *args: str) -> str:
    at = next((i for i, a in enumerate(args) if isinstance(a, str) and "/" in a), None)
    if at is None:
        raise Unevaluable("resourceId without a type")
    before, rtype, names = args[:at], args[at], args[at + 1:]
    sub = before[0] if len(before) == 2 else scope.subscription_id
    rg = before[-1] if before else scope.resource_group
    return resource_id(sub, rg, rtype, "/".join(names))


def resource_id(subscription: str, group: str | None, rtype: str, name: str) -> str:
    if rtype.lower() == "microsoft.resources/resourcegroups":
        return f"/subscriptions/{subscription}/resourceGroups/{name}"
    namespace, *types = rtype.split("/")
    names = name.split("/")
    path = "/".join(f"{t}/{n}" for t, n in zip(types, names))
    base = f"/subscriptions/{subscription}" + (f"/resourceGroups/{group}" if group else "")
    return f"{base}/providers/{namespace}/{path}"


def _format(scope: Scope, template: str, *args: Any) -> str:
    out = template
    for i, arg in enumerate(args):
        out = out.replace("{%d}" % i, arg if isinstance(arg, str) else json.dumps(arg))
    return out


def _concat(scope: Scope, *args: Any) -> Any:
    if args and all(isinstance(a, list) for a in args):
        return [x for a in args for x in a]
    return "".join(a if isinstance(a, str) else json.dumps(a) for a in args)


def _copy_index(scope: Scope, *args: Any) -> int:
    if scope.copy_index is None:
        raise Unevaluable("copyIndex outside a copy loop")
    offset = next((a for a in args if isinstance(a, int)), 0)
    return scope.copy_index + offset


_FUNCTIONS = {
    "parameters": _parameter,
    "variables": _variable,
    "concat": _concat,
    "format": _format,
    "tolower": lambda s, v: v.lower(),
    "toupper": lambda s, v: v.upper(),
    "replace": lambda s, v, a, b: v.replace(a, b),
    "take": lambda s, v, n: v[:n],
    "substring": lambda s, v, i, n=None: v[i:] if n is None else v[i:i + n],
    "string": lambda s, v: v if isinstance(v, str) else json.dumps(v),
    "length": lambda s, v: len(v),
    "empty": lambda s, v: not v,
    "equals": lambda s, a, b: a == b,
    "not": lambda s, v: not v,
    "and": lambda s, *v: all(v),
    "or": lambda s, *v: any(v),
    "if": None,  # handled lazily in _eval
    "coalesce": lambda s, *v: next((x for x in v if x is not None), None),
    "contains": lambda s, c, v: (v in c) if not isinstance(c, dict) else any(k.lower() == v.lower() for k in c),
    "createarray": lambda s, *v: list(v),
    "createobject": lambda s, *v: dict(zip(v[::2], v[1::2])),
    "union": lambda s, *v: _union(v),
    "first": lambda s, v: v[0],
    "last": lambda s, v: v[-1],
    "split": lambda s, v, d: v.split(d),
    "uniquestring": lambda s, *v: unique_string(*v),
    "guid": lambda s, *v: str(uuid.UUID(hashlib.md5("|".join(v).encode()).hexdigest())),
    "copyindex": _copy_index,
    "resourceid": _resource_id,
    "subscriptionresourceid": lambda s, *v: _resource_id(replace(s, resource_group=None), *v),
    "resourcegroup": lambda s: _require_group(s),
    "subscription": lambda s: {"subscriptionId": s.subscription_id, "id": f"/subscriptions/{s.subscription_id}",
                               "tenantId": "00000000-0000-0000-0000-00000000e000"},
    "deployment": lambda s: {"name": s.deployment_name},
}


def _union(values: tuple) -> Any:
    if all(isinstance(v, dict) for v in values):
        return {k: x for d in values for k, x in d.items()}
    merged: list = []
    for item in (x for v in values for x in v):
        if item not in merged:
            merged.append(item)
    return merged


def _require_group(scope: Scope) -> dict:
    if scope.resource_group is None:
        raise Unevaluable("resourceGroup() at subscription scope")
    return {"name": scope.resource_group, "location": scope.location,
            "id": f"/subscriptions/{scope.subscription_id}/resourceGroups/{scope.resource_group}"}
