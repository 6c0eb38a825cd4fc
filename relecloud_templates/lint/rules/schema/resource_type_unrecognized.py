"""W3020: a resource type the type data does not know, and that is no near miss of one it knows."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourceTypeUnrecognized(Rule):
    id = "W3020"
    name = "resource-type-unrecognized"
    description = "Resource types are known to the bundled Azure type data (its date is named)."
    explanation = """A type that the bundled type data does not know and that is not a near miss of a type it
knows (E3001 reports those) may be newer than the data, a custom provider's own type
('Microsoft.CustomProviders/resourceProviders/users'), or a real mistake that relecloud cannot tell from
either. Its properties are not checked. The message names the date of the data (`relecloud describe` shows
what it knows); regenerating the data from a newer bicep-types-az (docs/arm-schemas.md) may resolve it."""
    anchors = ("Bicep BCP081",)

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.UNRECOGNIZED_TYPE}):
            report(ctx, base, finding)
