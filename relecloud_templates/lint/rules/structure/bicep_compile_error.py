"""E0013: a Bicep file does not compile."""

from relecloud_templates.lint.rule import Rule


class BicepCompileError(Rule):
    id = "E0013"
    name = "bicep-compile-error"
    description = "The Bicep file does not compile (the message starts with the Bicep code, e.g. BCP057)."
    explanation = """relecloud compiles Bicep as the Bicep compiler does and reports what would stop `bicep build`:
names that do not exist (BCP057), names declared twice (BCP028), references that form a cycle (BCP080), values
of the wrong type where the type is certain (BCP033, BCP036), module parameters that the module does not declare
(BCP037) or that it requires and are missing (BCP035), parameter files that leave a required parameter
unassigned (BCP258), modules that cannot be read or are not in the local registry cache (BCP091, BCP190).
Syntax errors are E0001. The rules run on the compiled template only when the file compiles.

Equivalents: the errors of `bicep build` and `bicep lint` with the same BCP codes."""
    runner_reported = True
