"""W0008: an inline suppression that silences nothing."""

from relecloud_templates.lint.rule import Rule


class UnusedSuppression(Rule):
    id = "W0008"
    name = "unused-suppression"
    description = "An inline suppression silences no finding."
    explanation = """A suppression in `metadata.relecloud.suppress` that matches no finding is stale: the problem
was fixed, or the suppression names the wrong rule or sits on the wrong resource. Remove it, so that the
exceptions a team has accepted stay few and true. Suppressions of rules that are turned off in the
configuration are not reported.

Equivalents: requested for the Bicep linter (Azure/bicep#4720); none of the other tools reports it."""
    runner_reported = True
