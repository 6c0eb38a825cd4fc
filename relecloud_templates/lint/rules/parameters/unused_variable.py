"""W2002: a variable that nothing uses."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.parameters._usage import report_unused


class UnusedVariable(Rule):
    id = "W2002"
    name = "unused-variable"
    description = "Every declared variable is used by some expression."
    explanation = """A variable that no expression uses is dead text that readers still have to understand, and
often the sign of a value that was meant to be used somewhere and is not. Remove it. A template that builds
variable names dynamically (`variables(concat(...))`) is not judged.

Equivalents: Bicep no-unused-vars; ARM-TTK Variables-Must-Be-Referenced."""

    def check(self, ctx: RuleContext) -> None:
        report_unused(ctx, "variables")
