"""W1013: dependsOn entries that are conditional or built with concat()."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.lint.rule import Rule, RuleContext


class DependsOnExpressions(Rule):
    id = "W1013"
    name = "dependson-expressions"
    description = "dependsOn entries are not if() expressions, nor start with concat() (outside copy loops)."
    explanation = """A `dependsOn` entry names a resource of the same template. An entry that is an `if()` makes
the order of deployment depend on a value: ARM already ignores dependencies on resources whose condition is
false, so write the dependency plainly and put the condition on the resource. An entry built with `concat()`
(`"[concat('Microsoft.Network/virtualNetworks/', variables('vnet'))]"`) is a hand-made resource ID that breaks
as soon as the type or name changes: use `resourceId()` (or, in a copy loop where the index is part of the
name, keep it: entries that use `copyIndex()` are not reported).

Equivalents: ARM-TTK DependsOn-Best-Practices (both of its cases: entries starting with `if(` and with
`concat(` without `copyIndex()`); cfn-lint W3005 (related)."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for resource in template.resources:
                entries = resource.node.get("dependsOn")
                if not isinstance(entries, list):
                    continue
                for i, entry in enumerate(entries):
                    tree = parse_cached(entry) if ex.is_expression(entry) else None
                    if not isinstance(tree, ex.Call) or tree.namespace is not None:
                        continue
                    path = resource.path + ("dependsOn", i)
                    if tree.lower_name == "if":
                        ctx.report(path, f"{resource.label} has a conditional dependsOn entry", offset=tree.start,
                                   hint="depend on the resource plainly; ARM ignores a dependency on a resource "
                                        "that is not deployed")
                    elif tree.lower_name == "concat" and not any(True for _ in ex.calls(tree, "copyIndex")):
                        ctx.report(path, f"{resource.label} builds a dependsOn entry with concat()", offset=tree.start,
                                   hint="use resourceId('<type>', <name>) or the resource's name")
