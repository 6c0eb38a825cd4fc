"""W3025: resource property values within the lengths, patterns and ranges of the type data."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourcePropertyConstraint(Rule):
    id = "W3025"
    name = "resource-property-constraint"
    description = "Known property values fit the lengths, patterns and numeric ranges of the type data."
    explanation = """The type data carries the constraints of the REST specifications: string lengths, regular
expression patterns, integer ranges (a retention of 1 to 365 days) and array sizes. A known value outside them is
most often rejected by the resource provider. Patterns written for .NET that Python cannot read, and patterns
that could take exponential time, are not evaluated; values that are expressions are judged only when known.
A warning, as in Bicep: the specifications are sometimes stricter than the service."""
    anchors = ("Bicep BCP333", "Bicep BCP334", "Bicep BCP327", "Bicep BCP328")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.CONSTRAINT}):
            report(ctx, base, finding)
