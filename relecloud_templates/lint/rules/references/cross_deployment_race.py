"""E1015: a nested deployment reads by resource ID what a sibling deployment creates, with no dependsOn path to it."""

from __future__ import annotations

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.references._deployment_reads import CrossRead, cross_reads


class CrossDeploymentRace(Rule):
    id = "E1015"
    name = "cross-deployment-race"
    description = ("A nested deployment that reads, by resource ID, a resource a sibling deployment creates has a "
                   "dependsOn path to that sibling.")
    explanation = """ARM runs the resources of one template, nested deployments included, in parallel unless
`dependsOn` orders them. When the template of one nested deployment reads with `reference()` or a `list*()`
function, given its resource ID, a resource that another resource of the same outer template creates (a sibling
nested deployment, or the outer template itself), nothing orders the two: the read fails with ResourceNotFound,
or succeeds only when the other deployment happens to finish first. The read may be written in the nested
template (often as a Bicep `existing` resource, which compiles to `resourceId()`), in a template nested deeper
still, or in the outer template's own expressions when the resource lives inside a sibling's template.

This is the case Bicep does not protect: it writes the `dependsOn` between modules when one module's parameter
comes from another module's outputs, not when a module is given a name as a plain string and looks the resource
up itself. E1011 covers reads within one template.

Reported where the read is written, as an error only when both resource IDs evaluate to the same text
(subscription, resource group, type and name; the root deployment's own subscription and resource group count
as the same on both sides). Where they are equal only when open parameters are taken as written, W1016 reports
it as a warning. Add the reading deployment's `dependsOn` on the creating one (in Bicep, a `dependsOn` on the
module, or pass the creating module's output instead of the name).

Equivalents: none in the Bicep linter; ARM-TTK and PSRule do not follow resource IDs across deployments."""

    def check(self, ctx: RuleContext) -> None:
        if ctx.template is None:
            return
        for read in cross_reads(ctx.template):
            report(ctx, read, certain=True)


def report(ctx: RuleContext, read: CrossRead, *, certain: bool) -> None:
    where = f"the template of {read.reader.label}" if read.reader.nested is not None and \
        read.site.template is not read.outer else read.reader.label
    matched = "" if certain else " (the same resource when its open parameters are taken as written)"
    order = (f"{read.creator.label} waits for {read.reader.label}, so the read always runs before it exists"
             if read.creator_waits else f"ARM may run {read.reader.label} and {read.creator.label} at once")
    creates = "creates it" if read.target is read.creator else "creates it in its nested template"
    ctx.report(read.site.path,
               f"{where} reads {read.target.label}{matched} with {read.call.name}() given its resource ID; "
               f"{read.creator.label} {creates}, but {read.reader.label} does not depend on it: {order}",
               offset=read.call.start, related=(read.creator.path,),
               hint=f"add the resource ID of {read.creator.label} to the dependsOn of {read.reader.label}")
