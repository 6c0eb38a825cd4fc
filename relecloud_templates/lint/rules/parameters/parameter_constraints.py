"""E2003: a parameter's constraints are well-formed and consistent."""

from relecloud_templates.lint.rule import Rule, RuleContext


class ParameterConstraints(Rule):
    id = "E2003"
    name = "parameter-constraints"
    description = "minValue <= maxValue and minLength <= maxLength, all of them integers."
    explanation = """A parameter whose bounds are not integers, or whose lower bound is above its upper bound, can
never be given a valid value: ARM rejects every deployment of it. A default value that does not fit the
declaration is reported by W2006.

Equivalents: ARM-TTK Min-And-Max-Value-Are-Numbers; PSRule Azure.Template.ParameterMinMaxValue; cfn-lint E2015."""

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
