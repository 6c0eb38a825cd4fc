"""W1016: the same as E1015, where both resource IDs are equal only with the file's open parameters taken as written."""

from __future__ import annotations

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.references._deployment_reads import cross_reads
from relecloud_templates.lint.rules.references.cross_deployment_race import report


class LikelyCrossDeploymentRace(Rule):
    id = "W1016"
    name = "likely-cross-deployment-race"
    description = ("A nested deployment reads by resource ID what a sibling deployment seems to create, with no "
                   "dependsOn path to it.")
    explanation = """E1015, where the two resource IDs cannot both be evaluated: the names depend on parameters
the file leaves open (no default, or a default known only at deployment, such as `resourceGroup().location`).
Each such root parameter is taken as a value of its own, the same on both sides; when the reader's and the
creator's IDs are then equal, the read most likely names the resource the sibling creates, and nothing orders
the two. It is a warning because a condition or function that branches on such a parameter could make the two
differ at deployment. Fix it as E1015: the reading deployment depends on the creating one.

Equivalents: none (see E1015)."""

    def check(self, ctx: RuleContext) -> None:
        if ctx.template is None:
            return
        certain = {(r.site.path, r.call.start, r.creator.path) for r in cross_reads(ctx.template)}
        for read in cross_reads(ctx.template, placeholders=True):
            if (read.site.path, read.call.start, read.creator.path) not in certain:
                report(ctx, read, certain=False)
