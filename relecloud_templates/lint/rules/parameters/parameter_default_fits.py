"""W2006: a parameter's default value fits its own declaration."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.parameters._values import value_problems


class ParameterDefaultFits(Rule):
    id = "W2006"
    name = "parameter-default-fits"
    description = "A parameter's default value has the declared type, is among its allowedValues and within its bounds."
    explanation = """A default value of the wrong type (`"defaultValue": false` for a `string`), outside the
parameter's own `allowedValues`, or breaking its `minValue`/`maxValue`/`minLength`/`maxLength`, makes the
deployment fail the first time someone relies on the default. As long as every deployment gives the
parameter a value it does no harm, and templates that are only ever deployed by a parent template often rely
on that: so it is a warning (the parameters file rule, E2004, reports values that are actually given and do
not fit). Defaults that are expressions are judged when their value is known.

Equivalents: PSRule Azure.Template.ParameterDataTypes, Azure.Template.ParameterStrongType; the Bicep compiler
(BCP027, BCP033 for literal defaults)."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            if template.symbols is not template:
                continue  # an outer-scope nested template has no parameters of its own
            for name, decl in template.parameters.items():
                if not isinstance(decl, dict) or "defaultValue" not in decl:
                    continue
                default = template.evaluator.evaluate(decl["defaultValue"])
                for problem in value_problems(decl, default, template.node.get("definitions")):
                    ctx.report(template.path + ("parameters", name, "defaultValue"),
                               f"the default of parameter '{name}' {_verb(problem)}")


def _verb(problem: str) -> str:
    return problem if problem.startswith(("expects", "is")) else "breaks its declaration: " + problem
