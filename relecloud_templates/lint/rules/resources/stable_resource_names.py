"""W3007: resource names that change on every deployment."""

from relecloud_templates.arm.graph import calls_any, uses
from relecloud_templates.lint.rule import Rule, RuleContext

UNSTABLE = {"newguid", "utcnow"}


class StableResourceNames(Rule):
    id = "W3007"
    name = "stable-resource-names"
    description = "Resource names do not use newGuid() or utcNow(), directly or through parameter defaults."
    explanation = """`newGuid()` and `utcNow()` give a different value on every deployment. Used in a resource
name, they make every redeployment create a new resource instead of updating the existing one: duplicated
role assignments, orphaned storage accounts, ever-growing cost. They are only allowed as parameter defaults;
a name built from such a parameter has the same problem. Use `guid(...)` or `uniqueString(...)` of stable
inputs instead.

Equivalents: Bicep use-stable-resource-identifiers; ARM-TTK (none)."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            name = resource.raw("name")
            if not isinstance(name, str):
                continue
            if calls_any(name, lambda fn: fn in UNSTABLE):
                ctx.report(resource.path_of("name"), f"the name of {resource.label} changes on every deployment",
                           hint="use guid() or uniqueString() of stable values")
                continue
            symbols = resource.template.symbols
            supplied = symbols.evaluator.supplied()
            for param in sorted(uses(name, "parameters")):
                decl = symbols.parameter(param)
                if (isinstance(decl, dict) and param not in supplied
                        and calls_any(decl.get("defaultValue"), lambda fn: fn in UNSTABLE)):
                    ctx.report(
                        resource.path_of("name"),
                        f"the name of {resource.label} uses parameter '{param}', whose default changes on every "
                        "deployment",
                        hint="use guid() or uniqueString() of stable values",
                    )
                    break
