"""Referential integrity of rendered estates, checked on the ARM model.

``template_findings`` (per template, every expression scope): the lint rules that say nothing dangles and
nothing is declared in vain (E1001 expression syntax, E1002 undefined references, E1003 dependsOn targets,
W2001/W2002 unused parameters and variables). ``check_estate`` (across units): each resourceId()-family call
names a resource that some unit of the estate deploys, after resolving subscriptions from the parameter
files; so cross-zone IDs that units compute independently are proved to meet.

These are checks of relecloud's own templates, not of a user's manifest: a finding is a bug in a service
template that no user could fix, so ``render`` does not run them; the test suite runs them on the bundled
estate and on small estates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.template import Resource, Template, build_template
from relecloud_templates.arm.vocabulary import RESOURCE_ID_FUNCTIONS, is_resource_type
from relecloud_templates.lint.config import parse_config
from relecloud_templates.lint.registry import all_rules
from relecloud_templates.lint.runner import LintRun

INTEGRITY_RULES = ("E1001", "E1002", "E1003", "W2001", "W2002")
# Resources that exist without any unit deploying them: built-in role and policy definitions.
EXTERNAL_TYPES = ("microsoft.authorization/roledefinitions", "microsoft.authorization/policydefinitions")
# Properties that name a resource the service itself creates (e.g. a Databricks managed resource group).
SERVICE_CREATED = ("managedResourceGroupId",)
# environment() of the public cloud, as far as rendered templates ask for it
PUBLIC_CLOUD = {"name": "AzureCloud", "suffixes": {"storage": "core.windows.net"}}
# Child resources that a parent declares inline in its properties (ARM deploys them with the parent):
# parent type -> (property, child type) pairs.
_GATEWAY_PARTS = ("frontendIPConfigurations", "frontendPorts", "sslCertificates", "trustedRootCertificates",
                  "httpListeners", "backendAddressPools", "backendHttpSettingsCollection", "probes",
                  "requestRoutingRules")
INLINE_CHILDREN = {
    "microsoft.network/virtualnetworks": (("subnets", "Microsoft.Network/virtualNetworks/subnets"),),
    "microsoft.network/applicationgateways": tuple((part, f"Microsoft.Network/applicationGateways/{part}")
                                                   for part in _GATEWAY_PARTS),
}


def template_findings(template: dict, where: str = "template.json") -> list[str]:
    """The integrity rules' findings on one template (nested templates included), formatted."""
    config = parse_config({"rules": {r.id: ("off" if r.id not in INTEGRITY_RULES else r.default_severity().label)
                                     for r in all_rules() if not r.runner_reported}}, None)
    run = LintRun(config=config)
    run.add_text(json.dumps(template, indent=2), where)
    return [d.format() for d in run.run().diagnostics]


@dataclass
class RenderedUnit:
    name: str
    subscription: str
    resource_group: str | None
    template: dict
    parameters: dict[str, Any]  # values from the parameters file


@dataclass(frozen=True)
class Address:
    subscription: str | None  # None: the tenant (policy and role definitions)
    resource_group: str | None  # None: the subscription itself
    type: str
    name: str

    def key(self) -> tuple:
        return (self.subscription, (self.resource_group or "").lower(), self.type.lower(), self.name.lower())


@dataclass(frozen=True)
class Placement:
    """Where a template's resources deploy."""

    subscription: str | None
    resource_group: str | None


def _model(unit: RenderedUnit) -> Template:
    context: dict[str, Any] = {"subscription": {"subscriptionId": unit.subscription}, "environment": PUBLIC_CLOUD}
    if unit.resource_group:
        context["resourcegroup"] = {"name": unit.resource_group}
    return build_template(unit.template, unit.parameters, context=context)


def _placements(unit: RenderedUnit, model: Template) -> Iterator[tuple[Template, Placement]]:
    """Every template of the unit (nested deployments included) and where its resources deploy."""
    yield model, Placement(unit.subscription, unit.resource_group)
    for template in model.walk():
        if template is model or template.deployment is None:
            continue
        context = template.evaluator.context  # the model's: the deployment's subscription and group
        subscription = context.get("subscription", {}).get("subscriptionId")
        group = context.get("resourcegroup", {}).get("name")
        yield template, Placement(subscription, group)


def _deployed(template: Template, placement: Placement) -> Iterator[Address]:
    for resource in template.resources:
        if "scope" in resource.node or not isinstance(resource.name, str) or resource.type is None:
            continue  # extension resources live on another resource; unnamed ones cannot be referred to
        yield Address(placement.subscription, placement.resource_group, resource.type, resource.name)
        for key, child_type in INLINE_CHILDREN.get(resource.type_lower, ()):
            children = resource.value("properties", key)
            for child in children if isinstance(children, list) else []:
                if isinstance(child, dict) and isinstance(child.get("name"), str):
                    yield Address(placement.subscription, placement.resource_group, child_type,
                                  f"{resource.name}/{child['name']}")


def id_address(template: Template, call: ex.Call, placement: Placement) -> Address | None:
    """Where a resourceId()-family call points, or None when it cannot be resolved."""
    values = [template.evaluator.evaluate_node(a) for a in call.args]
    if any(not isinstance(v, str) for v in values):
        return None
    type_at = next((i for i, v in enumerate(values) if is_resource_type(v)), None)
    if type_at is None:
        return None
    resource_type, names, before = values[type_at], values[type_at + 1:], values[:type_at]
    subscription, group = placement.subscription, placement.resource_group
    if call.lower_name in ("tenantresourceid", "managementgroupresourceid"):
        subscription, group = None, None
    elif call.lower_name == "subscriptionresourceid":
        subscription, group = (before[0] if before else subscription), None
    elif call.lower_name == "extensionresourceid":
        parts = before[0].strip("/").split("/") if before else []
        subscription = parts[1] if len(parts) >= 2 else subscription
        group = parts[3] if len(parts) >= 4 else None
    elif len(before) == 2:
        subscription, group = before
    elif len(before) == 1:
        group = before[0]
    return Address(subscription, group, resource_type, "/".join(names))


def _holder(template: Template, path: tuple) -> Resource | None:
    """The resource of ``template`` whose JSON holds ``path``."""
    found = None
    for resource in template.resources:
        if path[:len(resource.path)] == resource.path and (found is None or len(resource.path) > len(found.path)):
            found = resource
    return found


def check_estate(units: list[RenderedUnit]) -> list[str]:
    """Every resourceId() in every unit's resources names a resource that some unit deploys (or that exists
    by itself)."""
    models = [(unit, _model(unit)) for unit in units]
    deployed = {address.key() for unit, model in models for template, placement in _placements(unit, model)
                for address in _deployed(template, placement)}
    problems = set()
    for unit, model in models:
        for template, placement in _placements(unit, model):
            for site in template.sites:
                resource = _holder(template, site.path)
                relative = site.path[len(resource.path):] if resource is not None else ()
                if resource is None or relative[:1] == ("dependsOn",) or (relative and relative[-1] in SERVICE_CREATED):
                    continue
                if isinstance(site.tree, ex.ExpressionSyntaxError):
                    problems.add(f"{unit.name}: {site.text}: {site.tree}")
                    continue
                for call in (n for n in ex.walk(site.tree) if isinstance(n, ex.Call) and n.namespace is None
                             and n.lower_name in RESOURCE_ID_FUNCTIONS):
                    address = id_address(template, call, placement)
                    if address is None:
                        problems.add(f"{unit.name}: cannot resolve {ex.to_text(call)}")
                    elif address.type.lower() not in EXTERNAL_TYPES and address.key() not in deployed:
                        problems.add(f"{unit.name}: {resource.label} refers to {address}, which no unit deploys")
    return sorted(problems)
