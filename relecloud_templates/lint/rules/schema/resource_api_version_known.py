"""W3021: an API version that the type does not publish."""

from __future__ import annotations

from relecloud_templates.arm import typecheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import of_kinds, report, resource_findings


class ResourceApiVersionKnown(Rule):
    id = "W3021"
    name = "resource-api-version-known"
    description = "A resource's apiVersion is one its type publishes (the nearest published versions are named)."
    explanation = """The bundled type data lists every API version that Azure's REST specifications publish for
each type. A version missing from it is most often a typo ('2023-05-0l') or a private preview, and the
deployment then fails with "NoRegisteredProviderFound"; but resource providers also keep serving old previews
that the specifications no longer describe (Microsoft.Authorization/roleAssignments@2019-04-01-preview still
deploys), so this is a warning, not an error. The hint names the published versions either side of it and the
newest; the resource's properties are not checked against any version."""
    anchors = ("Bicep BCP081", "ARM-TTK apiVersions-Should-Be-Recent")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in of_kinds(resource_findings(ctx), {typecheck.UNKNOWN_API_VERSION}):
            report(ctx, base, finding)
