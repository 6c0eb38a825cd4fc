"""E3001: every resource's type and API version exist."""

from __future__ import annotations

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourceTypeApiKnown(Rule):
    id = "E3001"
    name = "resource-type-api-known"
    description = "Resource types and API versions exist in the Azure schemas."
    explanation = """A resource whose type is misspelt, or whose apiVersion the resource provider never
published, fails at deployment ("NoRegisteredProviderFound", "InvalidResourceType"). The type and API
version are looked up, case-insensitively as ARM does, in the index of all 2,423 resource types of the official
ARM JSON schemas that relecloud ships (tools/derive_arm_schemas.py). The hint names the nearest known type or
version and the newest version of the type. Values that are expressions are judged only when their value is
known. Types addressed through their parent ('.../providers/...') are not judged."""
    anchors = ("cfn-lint E3006", "Bicep BCP081", "Bicep use-recognized-resource-type")

    def check(self, ctx: RuleContext) -> None:
        kinds = {schemacheck.UNKNOWN_TYPE, schemacheck.UNKNOWN_API_VERSION}
        for base, finding in of_kinds(resource_findings(ctx), kinds):
            report(ctx, base, finding)
