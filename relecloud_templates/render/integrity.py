"""Referential integrity of rendered templates: nothing dangles, nothing is declared in vain.

``check_template`` (per template, every expression scope): each ``parameters()``/``variables()`` names a
declaration, each declaration is used, each ``dependsOn`` names a resource of the same template, every
expression parses. ``check_estate`` (across units): each ``resourceId()`` (also inside ``reference()``) names a
resource that some unit of the estate deploys, after resolving subscriptions from the parameter files; so
cross-zone ids that units compute independently are proved to meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from relecloud_templates.arm import expressions as ex

ID_FUNCTIONS = ("resourceid", "subscriptionresourceid", "extensionresourceid", "tenantresourceid")
# Resources that exist without any unit deploying them: built-in role and policy definitions.
EXTERNAL_TYPES = ("microsoft.authorization/roledefinitions", "microsoft.authorization/policydefinitions")
# Properties that name a resource the service itself creates (e.g. a Databricks managed resource group).
SERVICE_CREATED = ("managedResourceGroupId",)
UNKNOWN = None
STORAGE_SUFFIX = "core.windows.net"  # environment().suffixes.storage in the public cloud


def _is_inner_deployment(resource: Any) -> bool:
    return (isinstance(resource, dict) and str(resource.get("type", "")).lower() == "microsoft.resources/deployments"
            and resource.get("properties", {}).get("expressionEvaluationOptions", {}).get("scope") == "inner")


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string of a template's own expression scope (inner nested templates are scopes of their own)."""
    if isinstance(value, dict):
        inner = _is_inner_deployment(value)
        for key, item in value.items():
            if inner and key == "properties":
                for sub_key, sub in item.items():
                    if sub_key != "template":
                        yield from _strings(sub, (*path, key, sub_key))
                continue
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
    elif isinstance(value, str):
        yield path, value


class Scope:
    """Names and values of one expression scope, enough to evaluate names and ids."""

    def __init__(self, template: dict, parameters: dict[str, Any]):
        self.template = template
        self.parameters = parameters
        self.variables = template.get("variables", {})

    def value(self, text: Any) -> Any:
        if isinstance(text, str) and ex.is_expression(text):
            try:
                return self.node(ex.parse(text))
            except ex.ExpressionSyntaxError:
                return UNKNOWN
        return text

    def node(self, node: Any) -> Any:
        if isinstance(node, ex.StringLit):
            return node.value
        if isinstance(node, ex.Call):
            name, args = node.lower_name, node.args
            if name in ("parameters", "variables") and args and isinstance(args[0], ex.StringLit):
                table = self.parameters if name == "parameters" else self.variables
                found = table.get(args[0].value, UNKNOWN)
                return self.value(found) if name == "variables" else found
            values = [self.node(a) for a in args]
            if name == "format" and values and all(isinstance(v, str) for v in values):
                return values[0].format(*values[1:])
            if name == "concat" and all(isinstance(v, str) for v in values):
                return "".join(values)
            if name in ("subscription", "environment"):
                return {"subscription": {"subscriptionId": self.parameters.get("@subscription")},
                        "environment": {"suffixes": {"storage": STORAGE_SUFFIX}}}[name]
            return UNKNOWN
        if isinstance(node, ex.Property):
            target = self.node(node.target)
            return target.get(node.name, UNKNOWN) if isinstance(target, dict) else UNKNOWN
        return UNKNOWN


@dataclass(frozen=True)
class Address:
    subscription: str | None  # None: the tenant (policy and role definitions)
    resource_group: str | None  # None: the subscription itself
    type: str
    name: str

    def key(self) -> tuple:
        return (self.subscription, (self.resource_group or "").lower(), self.type.lower(), self.name.lower())


def id_address(scope: Scope, call: ex.Call, subscription: str | None, resource_group: str | None) -> Address | None:
    """Where a ``resourceId()``-family call points, or None when it cannot be resolved."""
    values = [scope.node(a) for a in call.args]
    if any(not isinstance(v, str) for v in values):
        return None
    type_at = next((i for i, v in enumerate(values) if v.count("/") >= 1 and "." in v.split("/")[0] and not v.startswith("/")), None)
    if type_at is None:
        return None
    rtype, names, before = values[type_at], values[type_at + 1:], values[:type_at]
    if call.lower_name == "tenantresourceid":
        subscription, resource_group = None, None
    elif call.lower_name == "subscriptionresourceid":
        resource_group = None
        if before:
            subscription = before[0]
    elif call.lower_name == "extensionresourceid":
        parts = before[0].strip("/").split("/") if before else []
        subscription = parts[1] if len(parts) >= 2 else subscription
        resource_group = parts[3] if len(parts) >= 4 else None
    elif len(before) == 2:
        subscription, resource_group = before
    elif len(before) == 1:
        resource_group = before[0]
    return Address(subscription, resource_group, rtype, "/".join(names))


def _resource_name_parts(scope: Scope, resource: dict) -> tuple[str, str] | None:
    name = scope.value(resource.get("name"))
    rtype = resource.get("type")
    if not isinstance(name, str) or not isinstance(rtype, str):
        return None
    return rtype, name


def check_template(template: dict, where: str = "template") -> list[str]:
    """Problems of one template and of every inner-scope template nested in it."""
    problems: list[str] = []
    # Placeholders: names resolve to stable tokens, so ids that use parameters still compare.
    parameters = {name: f"<{name}>" for name in template.get("parameters", {})}
    scope = Scope(template, {**parameters, "@subscription": "<subscription>"})
    used: dict[str, set[str]] = {"parameters": set(), "variables": set()}
    for path, text in _strings(template):
        if not ex.is_expression(text):
            continue
        try:
            node = ex.parse(text)
        except ex.ExpressionSyntaxError as exc:
            problems.append(f"{where}: {'/'.join(map(str, path))}: {exc}")
            continue
        for kind in used:
            for call in ex.calls(node, kind):
                if call.args and isinstance(call.args[0], ex.StringLit):
                    used[kind].add(call.args[0].value)
    for kind, names in used.items():
        declared = set(template.get(kind, {}))
        problems += [f"{where}: {kind}('{n}') is not declared" for n in sorted(names - declared)]
        problems += [f"{where}: {kind[:-1]} {n!r} is declared but never used" for n in sorted(declared - names)]
    own = {}
    for resource in template.get("resources", []):
        parts = _resource_name_parts(scope, resource)
        if parts:
            own[(parts[0].lower(), parts[1].lower(), str(resource.get("resourceGroup", "")).lower())] = resource
    for resource in template.get("resources", []):
        for dependency in resource.get("dependsOn", []):
            if not _depends_on_own(scope, dependency, own):
                problems.append(f"{where}: {resource.get('name')!r} depends on {dependency!r}, which this template does not deploy")
        if _is_inner_deployment(resource):
            problems += check_template(resource["properties"]["template"], f"{where} > {resource.get('name')}")
    return problems


def _depends_on_own(scope: Scope, dependency: str, own: dict) -> bool:
    try:
        node = ex.parse(dependency)
    except (ex.ExpressionSyntaxError, TypeError):
        return False
    if not (isinstance(node, ex.Call) and node.lower_name in ID_FUNCTIONS):
        return False
    address = id_address(scope, node, None, None)
    return address is not None and (address.type.lower(), address.name.lower(), (address.resource_group or "").lower()) in own


# ---------------------------------------------------------------------------------------------------------------
# Across the estate


@dataclass
class RenderedUnit:
    name: str
    subscription: str
    resource_group: str | None
    template: dict
    parameters: dict[str, Any]  # values from the parameters file


def _walk_deployed(unit: RenderedUnit) -> Iterator[tuple[Scope, dict, str, str | None]]:
    """(scope, resource, subscription, resource group) for every resource the unit deploys, nested included."""
    def visit(template: dict, params: dict, subscription: str, group: str | None):
        scope = Scope(template, {**params, "@subscription": subscription})
        for resource in template.get("resources", []):
            yield scope, resource, subscription, group
            if _is_inner_deployment(resource):
                sub = scope.value(resource.get("subscriptionId", subscription))
                inner_group = resource.get("resourceGroup", group if "subscriptionId" not in resource else None)
                inner_params = {k: scope.value(v.get("value")) for k, v in resource["properties"].get("parameters", {}).items()}
                yield from visit(resource["properties"]["template"], inner_params, sub, inner_group)

    yield from visit(unit.template, unit.parameters, unit.subscription, unit.resource_group)


# Child resources that a parent declares inline (ARM deploys them with the parent).
INLINE_CHILDREN = {"microsoft.network/virtualnetworks": ("subnets", "Microsoft.Network/virtualNetworks/subnets")}


def _inline_children(resource: dict, parts: tuple[str, str]) -> Iterator[tuple[str, str]]:
    found = INLINE_CHILDREN.get(parts[0].lower())
    if found:
        key, child_type = found
        for child in resource.get("properties", {}).get(key, []):
            if isinstance(child, dict) and isinstance(child.get("name"), str):
                yield child_type, f"{parts[1]}/{child['name']}"


def check_estate(units: list[RenderedUnit]) -> list[str]:
    """Every resourceId() in every unit names a resource that some unit deploys (or that exists by itself)."""
    deployed: set[tuple] = set()
    for unit in units:
        for scope, resource, subscription, group in _walk_deployed(unit):
            parts = _resource_name_parts(scope, resource)
            if parts and "scope" not in resource:
                deployed.add(Address(subscription, group, *parts).key())
                for child_type, child_name in _inline_children(resource, parts):
                    deployed.add(Address(subscription, group, child_type, child_name).key())
    problems = []
    for unit in units:
        for scope, resource, subscription, group in _walk_deployed(unit):
            for path, text in _strings({k: v for k, v in resource.items() if k not in ("dependsOn",)}):
                if not ex.is_expression(text) or (path and path[-1] in SERVICE_CREATED):
                    continue
                if _is_inner_deployment(resource) and path[:1] == ("properties",):
                    continue  # the inner template's own strings are visited with its own scope
                for call in _id_calls(text):
                    address = id_address(scope, call, subscription, group)
                    if address is None:
                        problems.append(f"{unit.name}: cannot resolve {ex.to_text(call)}")
                    elif address.type.lower() not in EXTERNAL_TYPES and address.key() not in deployed:
                        problems.append(f"{unit.name}: {resource.get('name')!r} refers to {address}, which no unit deploys")
    return sorted(set(problems))


def _id_calls(text: str) -> Iterator[ex.Call]:
    node = ex.parse(text)
    for name in ID_FUNCTIONS:
        yield from ex.calls(node, name)
