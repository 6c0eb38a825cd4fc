"""E2003: a parameter's constraints are consistent and its default satisfies them."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.parameters._values import value_problems


class ParameterConstraints(Rule):
    id = "E2003"
    name = "parameter-constraints"
    description = "minValue <= maxValue, minLength <= maxLength, numbers are integers, and the default value satisfies the declaration."
    explanation = """A parameter whose default value has the wrong type, is not among its own `allowedValues`, or
breaks its own `minValue`/`maxValue`/`minLength`/`maxLength`, cannot be deployed with the default: ARM
rejects it the first time someone relies on the default. Bounds must be integers and in order.
Defaults that are expressions are judged when their value is known.

Equivalents: ARM-TTK Min-And-Max-Value-Are-Numbers; PSRule Azure.Template.ParameterMinMaxValue,
Azure.Template.ParameterDataTypes, Azure.Template.ParameterStrongType; cfn-lint E2015."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for name, decl in template.parameters.items():
                if not isinstance(decl, dict):
                    continue
                path = template.path + ("parameters", name)
                for low, high in (("minValue", "maxValue"), ("minLength", "maxLength")):
                    for key in (low, high):
                        bound = decl.get(key)
                        if key in decl and (not isinstance(bound, int) or isinstance(bound, bool)):
                            ctx.report(path + (key,), f"parameter '{name}': {key} must be an integer")
                    a, b = decl.get(low), decl.get(high)
                    if isinstance(a, int) and isinstance(b, int) and a > b:
                        ctx.report(path + (low,), f"parameter '{name}': {low} {a} is greater than {high} {b}")
                if "defaultValue" in decl and template.symbols is template:
                    default = template.evaluator.evaluate(decl["defaultValue"])
                    for problem in value_problems(decl, default):
                        ctx.report(path + ("defaultValue",), f"the default of parameter '{name}' {_verb(problem)}")

def _verb(problem: str) -> str:
    return problem if problem.startswith(("expects", "is")) else "breaks its declaration: " + problem
