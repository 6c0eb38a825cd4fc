"""W3026: an API version whose specification only lets Azure read the type, where other versions deploy it."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourceApiVersionDeployable(Rule):
    id = "W3026"
    name = "resource-api-version-deployable"
    description = "A resource is deployed with an API version whose specification publishes a way to deploy it."
    explanation = """Some API versions publish a type for reading only: their REST specification has no PUT
for it, and a later version adds one (Microsoft.Network/virtualHubs/hubVirtualNetworkConnections before
2020-05-01). Deploying with such a version works only where the resource provider accepts more than its
specification says (the network provider serves its operations at every version; others refuse with
"NoRegisteredProviderFound" or "InvalidResourceType"), and the type data has no body to check it against: what
that version describes is what Azure returns. A warning, since the deployment may well succeed; the hint names
the first version that publishes the type for deploying. A type no version can deploy is an error (E3022)."""
    anchors = ("Bicep BCP135",)

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.READ_ONLY_VERSION}):
            report(ctx, base, finding)
