"""W1009: resourceId() passed the current subscription or resource group explicitly."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.lint.rule import Rule, RuleContext

REDUNDANT = {
    ("subscription", "subscriptionid"): "subscription().subscriptionId",
    ("resourcegroup", "name"): "resourceGroup().name",
}


class ResourceIdRedundant(Rule):
    id = "W1009"
    name = "resource-id-redundant-scope"
    description = "resourceId() is not given subscription().subscriptionId or resourceGroup().name: they are the default."
    explanation = """`resourceId()` already resolves in the current subscription and resource group. Passing
`subscription().subscriptionId` or `resourceGroup().name` adds noise and, worse, breaks the ID when the
template is later deployed to another scope through a nested deployment, where those functions name the
deployment's own scope. Drop the arguments.

Equivalents: ARM-TTK ResourceIds-should-not-contain."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions():
            for call in ex.calls(tree, "resourceId"):
                for arg in call.args[:2]:
                    if (isinstance(arg, ex.Property) and isinstance(arg.target, ex.Call) and not arg.target.args
                            and (arg.target.lower_name, arg.name.lower()) in REDUNDANT):
                        shown = REDUNDANT[(arg.target.lower_name, arg.name.lower())]
                        ctx.report(site.path, f"resourceId() is given {shown}, which is already the default",
                                   offset=arg.start, hint="remove the argument")
