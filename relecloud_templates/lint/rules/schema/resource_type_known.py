"""E3001: a resource type that is a misspelling of a known type."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourceTypeKnown(Rule):
    id = "E3001"
    name = "resource-type-known"
    description = "A resource type is not a misspelling of a known type (did-you-mean)."
    explanation = """A type one small typo away from a type Azure publishes ('Microsoft.Storage/storageAccount',
'Microsoft.Netwrok/virtualNetworks') fails the deployment with "InvalidResourceType" or
"NoRegisteredProviderFound". The type is looked up, case-insensitively as ARM does, in the Bicep compiler's
type data that relecloud ships (every type and API version of Azure's REST specifications; docs/arm-schemas.md);
a near miss is a type with the same number of segments as a known one and exactly one segment within one or
two edits of it. Any other unknown type is only a warning (W3020): the data has a date, and custom providers
define their own types. Values that are expressions are judged only when their value is known; types addressed
through their parent ('.../providers/...') are not judged."""
    anchors = ("Bicep BCP029", "Bicep BCP081", "cfn-lint E3006")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.UNKNOWN_TYPE}):
            report(ctx, base, finding)
