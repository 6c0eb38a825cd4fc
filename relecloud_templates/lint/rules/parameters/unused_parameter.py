"""W2001: a parameter that nothing uses."""

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.parameters._usage import report_unused


class UnusedParameter(Rule):
    id = "W2001"
    name = "unused-parameter"
    description = "Every declared parameter is used by some expression."
    explanation = """A parameter that no expression uses asks the person deploying for a value that changes
nothing: they will believe it does. Remove it, or use it where it was meant to go (a common slip after a
copy-paste). Nested inner-scope templates are checked on their own parameters. A template that builds
parameter names dynamically (`parameters(concat(...))`) is not judged.

Equivalents: Bicep no-unused-params; ARM-TTK Parameters-Must-Be-Referenced; cfn-lint W2001."""

    def check(self, ctx: RuleContext) -> None:
        report_unused(ctx, "parameters")
