"""E3002: resource property values have the type, the allowed values and the required members the schema says."""

from __future__ import annotations

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings
from relecloud_templates.located import value_at


class ResourcePropertySchema(Rule):
    id = "E3002"
    name = "resource-property-schema"
    description = "Resource property values match the type's schema: JSON type, allowed values, required properties."
    explanation = """Each resource is checked against the property schema of exactly its type and API version
(derived from the official ARM JSON schemas): a value of the wrong JSON type (an object where an array is
expected, 'yes' for a boolean), a value outside the allowed list (compared case-insensitively, as ARM does),
or a required property left out. Scalars are read the way resource providers read them, so "5" for a number
or "true" for a boolean is accepted. An expression is judged only when its value is known; null is never
judged; where the schema offers alternatives that cannot be told apart, only the JSON type is checked. Types or
API versions without a bundled property schema are checked for the template engine's own keys only."""
    anchors = ("cfn-lint E3012", "cfn-lint E3030", "cfn-lint E3003", "Bicep BCP036", "Bicep BCP035")

    def check(self, ctx: RuleContext) -> None:
        kinds = {schemacheck.WRONG_TYPE, schemacheck.NOT_ALLOWED_VALUE, schemacheck.MISSING_REQUIRED}
        for base, finding in of_kinds(resource_findings(ctx), kinds):
            if finding.path == ("condition",) and not isinstance(value_at(ctx.document, base + ("condition",)), str):
                continue  # E0003 reports a condition that is neither a boolean nor a string
            report(ctx, base, finding)
