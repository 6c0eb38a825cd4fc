"""I3009: resource property names spelled with other letter case than the schema."""

from __future__ import annotations

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourcePropertyCasing(Rule):
    id = "I3009"
    name = "resource-property-casing"
    description = "Resource property names use the letter case of the type data."
    explanation = """ARM matches property names case-insensitively, so 'minimumTLSVersion' deploys as
'minimumTlsVersion'. Other tools do not: Bicep reports the property as unknown after decompiling, and
policies, what-if output and scripts that read the template compare names exactly. This is information only;
write the type data's spelling."""
    anchors = ("Bicep BCP037 (after decompile)",)

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {schemacheck.PROPERTY_CASING}):
            report(ctx, base, finding)
