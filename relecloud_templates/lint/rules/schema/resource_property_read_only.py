"""W3024: read-only resource properties written in a template."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourcePropertyReadOnly(Rule):
    id = "W3024"
    name = "resource-property-read-only"
    description = "Templates do not write properties that the type's API version marks read-only."
    explanation = """Read-only properties ('provisioningState', 'resourceGuid', 'primaryEndpoints', a private
endpoint connection's 'requestMessage' in some API versions...) are set by the resource provider; a value
written in a template is ignored, or rejected by stricter providers. Most often it is left over from an
exported template, or the setting lives elsewhere and is silently lost. Reported at the property name."""
    anchors = ("Bicep BCP073",)

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.READ_ONLY_WRITTEN}):
            report(ctx, base, finding)
