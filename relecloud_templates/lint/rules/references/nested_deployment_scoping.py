"""E1007: an inner-scope nested template uses a parameter or variable of its outer template."""

from relecloud_templates.arm.graph import symbol_uses
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.references.undefined_reference import declared_outside


class NestedDeploymentScoping(Rule):
    id = "E1007"
    name = "nested-deployment-scoping"
    description = "An inner-scope nested template uses only its own parameters and variables."
    explanation = """A nested deployment with `expressionEvaluationOptions.scope = inner` evaluates its template on
its own: `parameters()` and `variables()` there see only what the nested template declares. Using a name that
only the outer template declares fails the deployment. Declare the parameter in the nested template and pass
the value through the deployment's `parameters`, or use outer scope (which cannot take secure values safely,
see E5006).

Equivalents: Bicep nested-deployment-template-scoping; ARM-TTK (none)."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions(with_functions=False):
            symbols = site.symbols
            if symbols.parent is None:
                continue
            for section in ("parameters", "variables"):
                for name, call in symbol_uses(tree, section):
                    declared_here = (symbols.parameter(name) is not None if section == "parameters"
                                     else symbols.variable_declared(name))
                    if not declared_here and declared_outside(symbols, name, section):
                        ctx.report(
                            site.path,
                            f"{section[:-1]} '{name}' belongs to the outer template; this nested template "
                            "has inner scope and cannot see it",
                            offset=call.args[0].start,
                            hint=f"declare '{name}' in the nested template and pass it in the deployment's parameters",
                        )
