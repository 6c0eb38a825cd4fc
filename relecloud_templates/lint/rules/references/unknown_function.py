"""W1010: a call of a function that is neither built in nor user-defined."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.functions import arity, known_names
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.suggest import closest


class UnknownFunction(Rule):
    id = "W1010"
    name = "unknown-function"
    description = "An expression calls a function that ARM does not define."
    explanation = """Azure Resource Manager fails a deployment whose expressions call a function it does not
know, usually a misspelling (`toLowerCase` for `toLower`, `resourceID` is fine: names are case-insensitive).
User-defined functions are called with their namespace (`ns.fn()`); those are checked by E1002. This is a
warning rather than an error because new built-in functions appear from time to time: if ARM knows a
function that relecloud does not yet, turn the rule off for it with a suppression.

Equivalents: the Bicep compiler (BCP057/BCP082); PSRule expression errors."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions():
            for node in ex.walk(tree):
                if isinstance(node, ex.Call) and node.namespace is None and arity(node.name) is None:
                    guess = closest(node.name, known_names())
                    ctx.report(site.path, f"unknown function {node.name}()", offset=node.start,
                               hint=f"did you mean {guess}()?" if guess else "")
