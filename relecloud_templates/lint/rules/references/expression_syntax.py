"""E1001: template expressions parse and call built-in functions with the right number of arguments."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.functions import VARIADIC, arity
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
                for call, message in _arity_problems(tree):
                    ctx.report(site.path, message, offset=call.start)


def _arity_problems(tree: ex.Node) -> tuple[tuple[ex.Call, str], ...]:
    """(call, message) for each built-in function call of the tree with a wrong number of arguments, in the order
    of the tree; worked out once per tree (trees are shared by every site whose text is the same)."""
    found: tuple[tuple[ex.Call, str], ...] | None = tree.__dict__.get("_arity_problems")
    if found is None:
        found = tuple((node, message) for node in ex.walk(tree)
                      if isinstance(node, ex.Call) and node.namespace is None
                      and (message := _arity_message(node)) is not None)
        tree.__dict__["_arity_problems"] = found
    return found


def _arity_message(call: ex.Call) -> str | None:
    bounds = arity(call.name)
    if bounds is None:
        return None
    low, high = bounds
    n = len(call.args)
    if low <= n <= high:
        if call.lower_name == "createobject" and n % 2:
            return "createObject() takes key/value pairs: an even number of arguments"
        return None
    if high == VARIADIC:
        expected = f"at least {low}"
    elif low == high:
        expected = f"{low}"
    else:
        expected = f"{low} to {high}"
    return f"{call.name}() takes {expected} argument{'s' if expected != '1' else ''}, not {n}"
