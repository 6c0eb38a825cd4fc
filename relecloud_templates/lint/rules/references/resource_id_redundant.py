"""W1009: resourceId() and its relatives given the current scope explicitly, or a type or ID built with concat()."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.graph import is_list_function
from relecloud_templates.arm.template import Site
from relecloud_templates.lint.rule import Rule, RuleContext

REDUNDANT = {
    ("subscription", "subscriptionid"): "subscription().subscriptionId",
    ("resourcegroup", "name"): "resourceGroup().name",
}
# functions whose first argument may be the current scope written out (ARM-TTK: resourceId(resourceGroup(...,
# resourceId(subscription(..., subscriptionResourceId(subscription(...)
_SCOPE_FIRST = {"resourceid": ("resourcegroup", "subscription"), "subscriptionresourceid": ("subscription",)}
# functions whose first argument must not be assembled with concat(): a type, or a resource ID
_NO_CONCAT_FIRST = {"resourceid", "tenantresourceid", "extensionresourceid", "subscriptionresourceid", "reference"}
# ID-named properties that are URIs, not resource IDs (ARM-TTK's exception)
_NOT_IDS = {"keyvaultsecretid"}


class ResourceIdRedundant(Rule):
    id = "W1009"
    name = "resource-id-redundant-scope"
    description = ("resourceId() is not given the current scope (subscription(), resourceGroup()), nor a type or ID "
                   "built with concat().")
    explanation = """`resourceId()` already resolves in the current subscription and resource group. Passing
`subscription().subscriptionId`, `resourceGroup().name` or anything else read from `subscription()` or
`resourceGroup()` adds noise and, worse, breaks the ID when the template is later deployed to another scope
through a nested deployment, where those functions name the deployment's own scope. Drop the arguments.

The type or ID given to `resourceId()`, `subscriptionResourceId()`, `tenantResourceId()`,
`extensionResourceId()`, `reference()` and `list*()` is not assembled with `concat()` either
(`resourceId(concat('Microsoft.Network/', 'virtualNetworks'), ...)`, `reference(concat('Microsoft.Web/sites/',
name))`): pass the type and each name as their own arguments, or build the ID with `resourceId()`. Properties
named `keyVaultSecretId`, which hold URIs, are not judged.

Equivalents: ARM-TTK ResourceIds-should-not-contain (all of its patterns: resourceId(resourceGroup(...,
resourceId(subscription(..., subscriptionResourceId(subscription(..., and concat() first in resourceId,
tenantResourceId, extensionResourceId, subscriptionResourceId, reference and list*)."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions():
            if any(isinstance(step, str) and step.lower() in _NOT_IDS for step in site.path):
                continue
            for call in ex.walk(tree):
                if not isinstance(call, ex.Call) or call.namespace is not None or not call.args:
                    continue
                name = call.lower_name
                if name == "resourceid":
                    self._written_scope(ctx, site, call)
                first = call.args[0]
                inner = _call_of(first)
                if name in _SCOPE_FIRST and inner is not None and inner.lower_name in _SCOPE_FIRST[name] \
                        and not (name == "resourceid" and _redundant_scope(first)):  # reported just above
                    ctx.report(site.path, f"{call.name}() is given {inner.name}() as its first argument",
                               offset=first.start, hint="leave out the current scope; it is the default")
                if (name in _NO_CONCAT_FIRST or is_list_function(name)) and isinstance(first, ex.Call) \
                        and first.namespace is None and first.lower_name == "concat":
                    ctx.report(site.path, f"{call.name}() is given a type or ID built with concat()",
                               offset=first.start, hint="pass the type and each name as arguments, or use resourceId()")

    def _written_scope(self, ctx: RuleContext, site: Site, call: ex.Call) -> None:
        for arg in call.args[:2]:
            shown = _redundant_scope(arg)
            if shown is not None:
                ctx.report(site.path, f"resourceId() is given {shown}, which is already the default",
                           offset=arg.start, hint="remove the argument")


def _redundant_scope(node: ex.Node) -> str | None:
    """``subscription().subscriptionId`` or ``resourceGroup().name`` as written, when the node is one of them."""
    if isinstance(node, ex.Property) and isinstance(node.target, ex.Call) and not node.target.args:
        return REDUNDANT.get((node.target.lower_name, node.name.lower()))
    return None


def _call_of(node: ex.Node) -> ex.Call | None:
    """The call a value is read from: ``resourceGroup()`` for ``resourceGroup().id``; None for anything else."""
    while isinstance(node, (ex.Property, ex.Index)):
        node = node.target
    return node if isinstance(node, ex.Call) and node.namespace is None and not node.args else None
