"""I1014: variables() given a name built at deployment time."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.lint.rule import Rule, RuleContext

_BUILDERS = {"concat", "format"}


class DynamicVariableReference(Rule):
    id = "I1014"
    name = "dynamic-variable-reference"
    description = "variables() is given a variable's name, not a name built with concat() or format()."
    explanation = """`variables(concat('sku', parameters('tier')))` picks one of several variables by building its
name: a lookup in one object variable says the same and can be checked (`variables('skus')[parameters('tier')]`).
Built names hide which variables are used (so unused-variable and undefined-reference cannot judge the template)
and cannot be translated to Bicep. The hint shows the lookup to write instead.

Equivalents: ARM-TTK Dynamic-Variable-References-Should-Not-Use-Concat (which reports concat() only; format()
is the same pattern)."""

    def check(self, ctx: RuleContext) -> None:
        for site, tree in ctx.expressions():
            for call in ex.calls(tree, "variables"):
                if not call.args or not isinstance(call.args[0], ex.Call) or call.args[0].lower_name not in _BUILDERS:
                    continue
                built = call.args[0]
                prefix = built.args[0].value if built.args and isinstance(built.args[0], ex.StringLit) else "name"
                rest = [ex.to_text(arg) for arg in built.args[1:]]
                suggestion = f"variables('{prefix}s')[{rest[0]}]" if len(rest) == 1 else \
                    "one object variable indexed by the varying part"
                ctx.report(site.path, f"variables() is given a name built with {built.name}()", offset=call.start,
                           hint=f"look it up in an object variable instead, e.g. {suggestion}")
