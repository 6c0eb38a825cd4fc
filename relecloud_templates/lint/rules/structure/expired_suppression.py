"""W0009: an inline suppression past its date."""

from relecloud_templates.lint.rule import Rule


class ExpiredSuppression(Rule):
    id = "W0009"
    name = "expired-suppression"
    description = "An inline suppression is past its 'until' date and no longer applies."
    explanation = """A suppression may carry an `until` date (YYYY-MM-DD): the exception was accepted for a while,
not for ever. After that date the suppression stops silencing the finding, and this warning says so, so that
the team either fixes the finding or renews the exception with a fresh reason.

Equivalents: PSRule suppression groups with `expiresOn`."""
    runner_reported = True
