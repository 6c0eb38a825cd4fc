"""I1012: properties that hold resource IDs are built with resourceId() and its relatives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.arm.values import get_ci
from relecloud_templates.lint.helpers import own_properties
from relecloud_templates.lint.rule import Rule, RuleContext

# camelCase keys that end in Id: id, subnetId, workspaceId, keyVaultResourceId...
_ID_KEY = re.compile(r"^(?:[Ii][Dd]|.*[a-z0-9]Id|.*ID)$")
# ARM-TTK's exceptions: properties named like IDs that are not resource IDs (lower case)
EXCEPTIONS = {"appid", "clientid", "datatypeid", "defaultmenuitemid", "keyvaultsecretid", "keyid", "objectid",
              "menuid", "policydefinitionreferenceid", "serviceprincipalclientid", "startingdeviceid",
              "subscriptionid", "syntheticmonitorid", "targetprotectioncontainerid", "targetworkersizeid", "tenantid",
              "timezoneid", "vlanid", "workersizeid", "principalid", "groupid"}
# Resource types whose ID-named properties are their own vocabulary (ARM-TTK skips them too).
_SKIPPED_TYPES = {"microsoft.logic/workflows", "microsoft.apimanagement/service/backends"}
# An ID may come from these (ARM-TTK's list, with managementGroupResourceId, which it predates).
ALLOWED = {"resourceid", "extensionresourceid", "subscriptionresourceid", "tenantresourceid",
           "managementgroupresourceid", "if", "parameters", "reference", "variables", "subscription", "guid"}


class IdsFromResourceFunctions(Rule):
    id = "I1012"
    name = "ids-from-resource-functions"
    default_enabled = False
    description = ("Properties named like resource IDs (id, subnetId...) come from resourceId() and its relatives, "
                   "not literals.")
    explanation = """A resource ID written as a literal (`"/subscriptions/0000.../virtualNetworks/vnet/subnets/a"`)
or assembled with `concat()`/`format()` ties the template to one subscription and resource group and breaks
silently when a name or type changes. Build IDs with `resourceId()`, `subscriptionResourceId()`,
`tenantResourceId()`, `extensionResourceId()` or `managementGroupResourceId()`, or take them from a parameter,
a variable that does so, or `reference()`. Properties whose names end in Id but are not resource IDs
(`tenantId`, `objectId`, `principalId`, `clientId`, `keyVaultSecretId`...) are left alone, as are `tags` and
`metadata`, Logic Apps workflows and API Management backends, and empty values (W0006 reports those).

Off by default, as in the Bicep linter: turn it on with `--select ids-from-resource-functions` or in the
configuration.

Equivalents: ARM-TTK IDs-Should-Be-Derived-From-ResourceIDs (its exceptions, its list of allowed functions,
values given as `{"value": ...}`, variables followed to their definition); Bicep use-resource-id-functions."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            if resource.type_lower in _SKIPPED_TYPES:
                continue
            for path, key, value in _id_values(resource):
                problem = _problem(value, resource.template)
                if problem:
                    ctx.report(path, f"'{key}' of {resource.label} {problem}",
                               hint="build it with resourceId('<type>', <names>) or take it from a parameter")


def _id_values(resource: Resource) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """(file path, key, written string) of every ID-named property of the resource's own body; a deployment
    parameter's ``{"value": ...}`` counts as its value."""
    for key, value, path in own_properties(resource, ()):
        if not _ID_KEY.match(key) or key.lower() in EXCEPTIONS:
            continue
        if isinstance(value, dict) and len(value) == 1 and isinstance(get_ci(value, "value"), str):
            yield path + (next(iter(value)),), key, get_ci(value, "value")
        elif isinstance(value, str):
            yield path, key, value


def _problem(value: str, template: Template) -> str | None:
    if not value:
        return None
    seen = 0
    while ex.is_expression(value) and seen < 16:
        tree = parse_cached(value)
        if not isinstance(tree, ex.Call) or tree.namespace is not None:
            return None  # a syntax error (E1001) or a user-defined function: not judged
        if tree.lower_name == "variables" and len(tree.args) == 1 and isinstance(tree.args[0], ex.StringLit):
            written = get_ci(template.symbols.variables, tree.args[0].value)
            if not isinstance(written, str):
                return None  # an object, a copy loop, an undeclared name (E1002): not judged
            value, seen = written, seen + 1
            continue
        return None if tree.lower_name in ALLOWED else f"is built with {tree.name}(), not resourceId()"
    if ex.is_expression(value):
        return None
    return "is a literal ID" if seen == 0 else "is a literal ID written in a variable"
