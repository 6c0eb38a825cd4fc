"""E0011: a rule failed on this file."""

from relecloud_templates.lint.rule import Rule


class InternalError(Rule):
    id = "E0011"
    name = "internal-error"
    description = "A rule failed on this file; the other rules still ran."
    explanation = """This is a bug in relecloud, not in your template: a rule met a shape of template it did not
expect. The other rules still ran and their findings are reported. Please report the message and, if you can,
the template that caused it.

Equivalents: cfn-lint E0002 (rule processing error)."""
    runner_reported = True
