"""W3023: resource properties that the type's API version requires."""

from __future__ import annotations

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourcePropertyRequired(Rule):
    id = "W3023"
    name = "resource-property-required"
    description = "Resource bodies have every property their type's API version requires, discriminators included."
    explanation = """The type data marks the properties a resource provider requires ('sku.name' of a storage
account, 'tenantId' of a Key Vault, 'addressPrefix' or 'addressPrefixes' of a subnet as the API version says),
and the discriminator that decides an object's shape ('kind' of a Data Factory linked service). A missing one
is reported at the object that lacks it. Objects built by expressions whose value is not known, and properties
a property copy loop generates, count as present. It is a warning, as in Bicep: the REST specifications
sometimes require what the service defaults."""
    anchors = ("Bicep BCP035", "Bicep BCP078", "cfn-lint E3003")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {schemacheck.MISSING_REQUIRED}):
            report(ctx, base, finding)
