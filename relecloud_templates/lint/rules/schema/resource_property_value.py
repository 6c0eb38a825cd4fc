"""W3002: resource property values have the JSON type and the allowed values the type data says."""

from __future__ import annotations

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings
from relecloud_templates.located import value_at


class ResourcePropertyValue(Rule):
    id = "W3002"
    name = "resource-property-value"
    description = "Resource property values have the JSON type and the allowed values of the type's API version."
    explanation = """Each resource is checked against the Bicep compiler's type data for exactly its type and
API version: a value of the wrong JSON type (an object where an array is expected, 'yes' for a boolean), a
value outside a closed list of allowed values (compared case-insensitively, as ARM does), a discriminator
('kind', 'type'...) naming no known member. For an open list, where the service accepts other values too,
only a near miss of a listed value is reported ('Standard_LSR'). Scalars are read the way resource providers
read them, so "5" for a number or "true" for a boolean is accepted. An expression is judged only when its
value is known; null is never judged. It is a warning, as in Bicep: the type data is generated from the REST
specifications, which are sometimes stricter than the service."""
    anchors = ("Bicep BCP036", "Bicep BCP088", "cfn-lint E3012", "cfn-lint E3030")
    previous_ids = ("E3002",)

    def check(self, ctx: RuleContext) -> None:
        kinds = {schemacheck.WRONG_TYPE, schemacheck.NOT_ALLOWED_VALUE}
        for base, finding in of_kinds(resource_findings(ctx), kinds):
            if finding.path == ("condition",) and not isinstance(value_at(ctx.document, base + ("condition",)), str):
                continue  # E0003 reports a condition that is neither a boolean nor a string
            report(ctx, base, finding)
