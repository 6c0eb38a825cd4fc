"""W0006: blank values where a blank is almost certainly a mistake: an empty ID or location."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from relecloud_templates.lint.rule import Rule, RuleContext

# camelCase keys that hold an identifier: id, subnetId, workspaceId, tenantId, principalId, keyVaultResourceId...
_ID_KEY = re.compile(r"^(id|[a-z][A-Za-z0-9]*Id)$")
# A deployment's template and parameter values are judged where they are used, not as resource settings.
_DEPLOYMENT_INPUTS = {"template", "parameters"}


class NoBlankValues(Rule):
    id = "W0006"
    name = "no-blank-values"
    description = (
        "No empty string for a resource's location or for an ID-valued property (id, subnetId, workspaceId...)."
    )
    explanation = """An empty string where Azure expects an identifier (`"subnet": {"id": ""}`, `"workspaceId": ""`,
`"tenantId": ""`) or a location is a value someone meant to fill in: the deployment fails with an invalid
resource ID or location, or the service silently gets no link at all. Leave the property out, or give it
the value. Only values written literally are judged.

ARM-TTK's Template-Should-Not-Contain-Blanks reports every empty string, array, object and null. That is
not done here on purpose: in the reference templates (which deploy) there are about 200 such blanks and
all of them mean something (`ipRules: []` and `virtualNetworkRules: []` say "no exceptions" under a deny
rule, `dnsServers: []` selects Azure DNS, `{}` is the required value of each `userAssignedIdentities`
entry and of empty Data Factory settings, `requestMessage: ""` is free text). A rule that fires on correct
templates is turned off and then misses the real mistakes, so this one judges only the blanks that are
never right. For ARM-TTK's behaviour, set the `strict` option
(`no-blank-values = { strict = true }`): every empty string, array and object is reported then, except the
properties ARM-TTK allows to be empty (`resources`, `outputs`, `variables`, `parameters`, `functions`,
`properties`, `defaultValue`, `accessPolicies`, `value`, `promotionCode`, `inputs`, `notEquals`, `clientId`,
`allowedCallerIpAddresses`) and keys that are expressions or resource IDs (`userAssignedIdentities`).

Equivalents: ARM-TTK Template-Should-Not-Contain-Blanks (narrowed; whole with `strict`); Bicep
simplify-json-null (related)."""
    options = {"strict": False}

    def check(self, ctx: RuleContext) -> None:
        if ctx.options["strict"]:
            for path, key in _any_blanks(ctx.document, ()):
                ctx.report(path, f"'{key}' is empty", hint="give it a value, or leave the property out")
            return
        for resource in ctx.resources():
            if resource.raw("location") == "":
                ctx.report(resource.path_of("location"), f"{resource.label} has an empty location",
                           hint="use a location parameter, or leave location out for a global resource")
            properties = resource.node.get("properties")
            if not isinstance(properties, dict):
                continue
            skip = _DEPLOYMENT_INPUTS if resource.is_deployment else set()
            base = resource.path_of("properties")
            for key, value in properties.items():
                if key in skip:
                    continue
                for path, blank_key in _empty_ids({key: value}, base):
                    ctx.report(path, f"{resource.label} sets '{blank_key}' to an empty string",
                               hint=f"give {blank_key} a value or leave it out")


def _empty_ids(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, key) of every ID-named property below ``value`` whose value is the empty string."""
    return _blanks(value, path, lambda key, child: child == "" and bool(_ID_KEY.match(key)))


# ARM-TTK's properties that may be empty for readability or because the service needs them so
_MAY_BE_EMPTY = {"resources", "outputs", "variables", "parameters", "functions", "properties", "defaultvalue",
                 "accesspolicies", "value", "promotioncode", "inputs", "notequals", "clientid",
                 "allowedcalleripaddresses", "metadata"}


def _any_blanks(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, key) of every property whose value is an empty string, array or object (the strict option), but
    ARM-TTK's exceptions and keys that are expressions or resource IDs (``userAssignedIdentities``)."""
    def blank(key: str, child: Any) -> bool:
        empty = child == "" or (isinstance(child, (dict, list)) and not child)
        return empty and key.lower() not in _MAY_BE_EMPTY and not key.lstrip().startswith(("[", "/subscriptions/"))

    return _blanks(value, path, blank)


def _blanks(
    value: Any, path: tuple[Any, ...], is_blank: Callable[[str, Any], bool]
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, key) of every property below ``value`` that ``is_blank(key, value)`` picks (not searched further)."""
    stack = [(value, path)]
    while stack:
        current, here = stack.pop()
        if isinstance(current, dict):
            for key, child in current.items():
                if isinstance(key, str) and is_blank(key, child):
                    yield here + (key,), key
                elif isinstance(child, (dict, list)):
                    stack.append((child, here + (key,)))
        elif isinstance(current, list):
            stack.extend((item, here + (i,)) for i, item in enumerate(current) if isinstance(item, (dict, list)))
