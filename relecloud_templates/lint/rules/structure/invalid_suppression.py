"""W0010: a malformed inline suppression."""

from relecloud_templates.lint.rule import Rule


class InvalidSuppression(Rule):
    id = "W0010"
    name = "invalid-suppression"
    description = "An inline suppression is malformed: no rule, an unknown rule, no reason or a bad date."
    explanation = """Every suppression must name a rule (ID or name) and give a reason, as
`{"rule": "W5009", "reason": "...", "until": "2027-01-31"}` or `"W5009: reason"`. A suppression without a
reason is ignored, so the finding it meant to silence still shows, next to this warning.

Equivalents: checkov's `metadata.checkov` skip comments (reason optional there); Bicep's
`#disable-next-line` (no reason at all)."""
    runner_reported = True
