"""E1001: template expressions parse and call built-in functions with the right number of arguments."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.functions import VARIADIC, arity
from relecloud_templates.arm.template import Site
from relecloud_templates.lint.rule import Rule, RuleContext


class ExpressionSyntax(Rule):
    id = "E1001"
    name = "expression-syntax"
    description = "Every [...] expression parses, and built-in functions get as many arguments as they take."
    explanation = """A string that starts with `[` and ends with `]` is an expression, evaluated by Azure Resource
Manager at deployment time. A syntax error (an unclosed string or bracket, a missing comma) or a built-in
function called with too few or too many arguments fails the deployment. The finding points at the column
inside the string where the problem is. A literal string that must start with `[` is written `[[`.

Equivalents: PSRule expression parser errors; cfn-lint E1xxx function rules; the Bicep compiler (BCP errors)."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for site in template.sites:
                tree = site.tree
                if isinstance(tree, ex.ExpressionSyntaxError):
                    ctx.report(site.path, f"expression syntax error: {tree.message}", offset=tree.offset,
                               hint="a literal string starting with '[' is written '[['" if tree.offset <= 1 else "")
                    continue
                for node in ex.walk(tree):
                    if isinstance(node, ex.Call) and node.namespace is None:
                        self._arity(ctx, site, node)

    def _arity(self, ctx: RuleContext, site: Site, call: ex.Call) -> None:
        bounds = arity(call.name)
        if bounds is None:
            return
        low, high = bounds
        n = len(call.args)
        if low <= n <= high:
            if call.lower_name == "createobject" and n % 2:
                ctx.report(
                    site.path, "createObject() takes key/value pairs: an even number of arguments", offset=call.start
                )
            return
        if high == VARIADIC:
            expected = f"at least {low}"
        elif low == high:
            expected = f"{low}"
        else:
            expected = f"{low} to {high}"
        ctx.report(site.path, f"{call.name}() takes {expected} argument{'s' if expected != '1' else ''}, not {n}",
                   offset=call.start)
