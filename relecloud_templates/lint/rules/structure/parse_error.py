"""E0001: a file that should be JSON does not parse."""

from relecloud_templates.lint.rule import Rule


class ParseError(Rule):
    id = "E0001"
    name = "parse-error"
    description = "The file is not valid JSON (comments are allowed, as ARM allows them)."
    explanation = """A template or parameters file that does not parse cannot be deployed or checked. The finding
points at the exact line and column where the parser stopped, and the file is never skipped silently (a
linter that skips broken files reports nothing and is trusted for it).

Equivalents: cfn-lint E0000; ARM-TTK JSONFiles-Should-Be-Valid; checkov "parsing errors" (only a count)."""
    runner_reported = True
