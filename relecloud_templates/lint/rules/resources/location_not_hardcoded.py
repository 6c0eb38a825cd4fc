"""W3004: a resource's location is not written into the template."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.graph import trees, uses
from relecloud_templates.arm.values import get_ci
from relecloud_templates.lint.rule import Rule, RuleContext


class LocationNotHardcoded(Rule):
    id = "W3004"
    name = "location-not-hardcoded"
    description = "Resource locations come from a parameter or expression, or are 'global'."
    explanation = """A location written into the template (`"location": "westeurope"`, or a variable holding
that literal) pins every deployment of it to one region: the template cannot be reused elsewhere, and a
deployment into a resource group in another region quietly spreads the estate across two regions. Take the
location from a parameter (whose default may be `resourceGroup().location` or `deployment().location`).
`global` is fine for global resources (DNS zones, Front Door...). The `location` parameter itself is a
`string` and has no hard-coded region as its default either (`resourceGroup().location`,
`deployment().location` or `global` are the defaults to give it).

Equivalents: Bicep no-hardcoded-location; ARM-TTK Location-Should-Not-Be-Hardcoded (its cases: a location
parameter that is not a string, a literal default for it, a literal resource location; its ban on
`resourceGroup().location` outside parameter defaults is I3010), Resources-Should-Have-Location; PSRule
Azure.Template.ResourceLocation, Azure.Template.UseLocationParameter, Azure.Template.LocationType,
Azure.Template.LocationDefault."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            if template.symbols is not template:
                continue
            for name, decl in template.parameters.items():
                if name.lower() != "location" or not isinstance(decl, dict):
                    continue
                path = template.path + ("parameters", name)
                kind = get_ci(decl, "type", None)
                if isinstance(kind, str) and kind.lower() != "string":
                    ctx.report(path + ("type",), f"the location parameter is of type {kind}, not string",
                               hint='declare it "type": "string"')
                default = get_ci(decl, "defaultValue", None)
                if isinstance(default, str) and default and not ex.is_expression(default) \
                        and default.lower() != "global":
                    ctx.report(path + ("defaultValue",),
                               f"the location parameter defaults to the hard-coded '{default}'",
                               hint="default it to [resourceGroup().location] or [deployment().location]")
        for resource in ctx.resources():
            raw = resource.raw("location")
            if not isinstance(raw, str):
                continue
            if ex.is_expression(raw):
                if uses(raw, "parameters") or not uses(raw, "variables") or _calls_scope(raw):
                    continue
                value = resource.value("location")
                if not isinstance(value, str) or value.lower() == "global":
                    continue
                ctx.report(resource.path_of("location"),
                           f"{resource.label} is placed in '{value}', a location hard-coded in a variable",
                           hint="take the location from a parameter")
            elif raw.lower() != "global":
                ctx.report(resource.path_of("location"), f"{resource.label} has the hard-coded location '{raw}'",
                           hint="take the location from a parameter, e.g. [parameters('location')]")


def _calls_scope(raw: str) -> bool:
    """Whether the value reads the deployment's own location (resourceGroup().location and the like)."""
    return any(isinstance(node, ex.Call) and node.lower_name in ("resourcegroup", "deployment", "reference")
               for tree in trees(raw) for node in ex.walk(tree))
