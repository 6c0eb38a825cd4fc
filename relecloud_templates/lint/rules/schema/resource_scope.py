"""E3022: a resource type deployed at a scope where Azure cannot deploy it."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourceScope(Rule):
    id = "E3022"
    name = "resource-scope"
    description = "Each resource is deployable at the scope it is deployed at; read-only types are 'existing'."
    explanation = """The type data says, for every type and API version, at which scopes (tenant, management
group, subscription, resource group, extension of another resource) it can be deployed and at which it can only
be read. A resource group in a resource-group template, a storage account in a subscription template, or a role
definition at a scope its API version does not serve fails the deployment ("InvalidTemplateDeployment",
"NoRegisteredProviderFound"); a type Azure only lets you read there (deleted accounts, usages, most
'locations/...' types) must be declared with "existing": true. The scope is the template's (a nested
deployment's is where it deploys: its resourceGroup, subscriptionId or scope); a resource with a 'scope'
property is an extension of the resource it names."""
    anchors = ("Bicep BCP135", "Bicep BCP165")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.SCOPE}):
            report(ctx, base, finding)
