"""E2005: an inner-scope nested deployment passes the parameters its template declares."""

from collections.abc import Callable
from typing import Any

from relecloud_templates.arm.evaluate import Evaluator
from relecloud_templates.arm.values import MISSING
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.parameters._matching import check_values


class NestedParametersMatch(Rule):
    id = "E2005"
    name = "nested-parameters-match"
    description = (
        "An inner-scope nested deployment gives every required parameter, no undeclared ones, of the right type."
    )
    explanation = """The `parameters` of a `Microsoft.Resources/deployments` resource with an inline template and
inner scope must match what that template declares: ARM fails the deployment for a value given to an
undeclared parameter, for a required parameter left out, and for a value of the wrong type. Values that are
only known at deployment time are not judged.

Equivalents: ARM-TTK Parameter-Types-Should-Be-Consistent; the Bicep compiler (module parameters)."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            deployment = template.deployment
            if deployment is None or template.expression_scope != "inner":
                continue
            given = deployment.raw("properties", "parameters")
            if given is MISSING:
                given = {}
            if not isinstance(given, dict):
                continue  # computed by an expression: not judged
            outer = deployment.template.evaluator
            base = deployment.path_of("properties", "parameters")
            copied = deployment.copy is not None
            check_values(template, given, lambda path, message, hint: ctx.report(path, message, hint=hint),
                         _below(base), base, f"{deployment.label}", _evaluating(outer, copied))


def _below(base: tuple[Any, ...]) -> Callable[[str], tuple[Any, ...]]:
    """Where the value of parameter ``name`` is, below ``base``."""
    return lambda name: base + (name,)


def _evaluating(outer: Evaluator, copied: bool) -> Callable[[Any], Any]:
    """The outer template's evaluation of a value it passes (in a copy loop: as its first copy)."""
    return lambda value: outer.evaluate(value, {"": 0}) if copied else outer.evaluate(value)
