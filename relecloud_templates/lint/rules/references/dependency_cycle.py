"""E1008: resources that depend on each other in a circle."""

from relecloud_templates.arm.graph import dependency_cycles
from relecloud_templates.lint.rule import Rule, RuleContext


class DependencyCycle(Rule):
    id = "E1008"
    name = "dependency-cycle"
    description = "No resource depends on itself, directly or through others."
    explanation = """Azure Resource Manager orders resources by their `dependsOn` (and inline parent/child) edges and
rejects a template whose edges form a circle ("Circular dependency detected"). The finding lists the whole
circle, in the order the dependencies run, at the first resource's `dependsOn`.

Equivalents: cfn-lint E3004; ARM's template validation."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for cycle in dependency_cycles(template):
                names = " -> ".join(r.label for r in cycle + cycle[:1])
                first = cycle[0]
                where = first.path + ("dependsOn",) if "dependsOn" in first.node else first.path
                ctx.report(
                    where,
                    f"dependency cycle: {names}",
                    hint="remove one of the dependsOn entries in the circle",
                    related=[r.path for r in cycle[1:]],
                )
