"""W3008: resource properties the type's API version does not know."""

from __future__ import annotations

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourcePropertyUnknown(Rule):
    id = "W3008"
    name = "resource-property-unknown"
    description = "Resource properties are known to the type's API version (did-you-mean for misspellings)."
    explanation = """A property name that matches none of the properties the type data lists for that object,
at exactly the resource's API version (case-insensitively), is most often a misspelling, and resource providers
silently ignore what they do not know: 'minimumTlsVersoin' deploys, and the account keeps accepting TLS 1.0. The
hint names the nearest writable property. It is a warning, not an error, because the REST specifications
sometimes lag what a provider accepts. Objects whose type allows further properties (tags, dictionaries), or
whose shape depends on a discriminator that is not known, are not judged."""
    anchors = ("Bicep BCP037", "Bicep BCP089", "cfn-lint E3002")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {schemacheck.UNKNOWN_PROPERTY}):
            report(ctx, base, finding)
