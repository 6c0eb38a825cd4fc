"""E1017: a diagnostic setting sends to a destination that a sibling deployment creates, with no dependsOn path."""

from __future__ import annotations

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.references._deployment_reads import cross_reads


class DiagnosticsDestinationRace(Rule):
    id = "E1017"
    name = "diagnostics-destination-race"
    description = ("A diagnostic setting whose destination (workspace, storage account, event hub) a sibling "
                   "deployment creates has a dependsOn path to that sibling.")
    explanation = """Azure Monitor authorizes a diagnostic setting's link to its destination when the setting is
written: the Log Analytics workspace (`workspaceId`), storage account (`storageAccountId`) or event hub
authorization rule (`eventHubAuthorizationRuleId`) must exist by then, or the write fails (the destination is
not found, or the linked authorization check fails). A destination given as a plain `resourceId()` creates no
dependency: when a sibling nested deployment of the same outer template creates the workspace, ARM runs the two at
once unless `dependsOn` orders them, and the setting succeeds only when the workspace happens to be finished
first. The classic case is a module per service, each given the central workspace's name as a string, beside the
module that creates that workspace.

Reported where the destination is written, as an error only when both resource IDs evaluate to the same text
(subscription, resource group, type and name), as E1015 does for `reference()` and `list*()`. Add the setting's
deployment's `dependsOn` on the deployment that creates the destination (in Bicep, a `dependsOn` on the module, or
pass the creating module's output instead of the name).

Equivalents: none in the Bicep linter, ARM-TTK or PSRule (none of them follows resource IDs across deployments)."""

    def check(self, ctx: RuleContext) -> None:
        if ctx.template is None:
            return
        for link in cross_reads(ctx.template, destinations=True):
            where = f"the template of {link.reader.label}" if link.reader.nested is not None and \
                link.site.template is not link.outer else link.reader.label
            creates = "creates it" if link.target is link.creator else "creates it in its nested template"
            order = (f"{link.creator.label} waits for {link.reader.label}, so the setting is always written first"
                     if link.creator_waits else f"ARM may run {link.reader.label} and {link.creator.label} at once")
            ctx.report(link.site.path,
                       f"{where} sends diagnostics to {link.target.label}; {link.creator.label} {creates}, but "
                       f"{link.reader.label} does not depend on it: {order}",
                       offset=link.call.start, related=(link.creator.path,),
                       hint=f"add the resource ID of {link.creator.label} to the dependsOn of {link.reader.label}")
