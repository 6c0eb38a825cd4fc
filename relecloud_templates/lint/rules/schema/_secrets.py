"""Where a value of a property that the type data marks sensitive comes from, for E5020 and W5021."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm import typecheck
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.expressions import Call, StringLit, is_expression
from relecloud_templates.arm.graph import calls_any, uses
from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.lint.helpers import is_literal, looks_secret, secure_parameters
from relecloud_templates.lint.rule import RuleContext
from relecloud_templates.lint.rules.schema._findings import checked_resources

HARD_CODED = "hard-coded"
PLAIN = "plain"


def secret_values(ctx: RuleContext) -> Iterator[tuple[str, tuple[Any, ...], str, str]]:
    """(verdict, file path, message, hint) for every sensitive property whose value is hard-coded (HARD_CODED)
    or comes from a parameter that is not secure (PLAIN). Values from secure parameters, Key Vault references,
    list*() and reference() pass, and so does anything the check cannot follow."""
    for resource, finding in checked_resources(ctx):
        if finding.kind != typecheck.SENSITIVE:
            continue
        prop = next((step for step in reversed(finding.path) if isinstance(step, str)), "value")
        verdict = _judge(finding.value, resource.template)
        if verdict is None:
            continue
        path = tuple(resource.path) + tuple(finding.path)
        subject = f"'{prop}' of {resource.label}"
        kind, detail = verdict
        if kind == HARD_CODED:
            yield kind, path, f"{subject} is a secret in the Azure type data, and its value is {detail}", \
                "take it from a secureString parameter or a Key Vault reference"
        else:
            yield kind, path, f"{subject} is a secret in the Azure type data, and its value comes from the " \
                f"non-secure parameter '{detail}'", f"declare '{detail}' as secureString (or secureObject)"


def _judge(raw: Any, template: Any) -> tuple[str, str] | None:
    if not isinstance(raw, str) or not raw:
        return None  # literal objects (their members are judged where the data marks them), numbers, null
    if is_literal(raw):
        return HARD_CODED, "hard-coded in the template"
    if calls_any(raw, lambda fn: fn.startswith("list") or fn in ("reference", "if", "coalesce")):
        return None  # runtime values, or a choice that cannot be followed soundly
    secure = secure_parameters(template)
    params = uses(raw, "parameters")
    if params & secure:
        return None
    whole = _single_call(raw, "parameters")
    if whole is not None:
        declared = _declaration(template, whole)
        if declared is None or is_secure_declaration(declared):
            return None
        return PLAIN, _spelled(template, whole)
    suspects = sorted(p for p in params if looks_secret(p))  # in a composed value, only a secret-named part
    if suspects:
        return PLAIN, _spelled(template, suspects[0])
    variable = _single_call(raw, "variables")
    if variable is not None and not params:
        value = next((v for k, v in template.symbols.variables.items() if k.lower() == variable), None)
        if isinstance(value, str) and value and is_literal(value) and not is_expression(value):
            return HARD_CODED, f"hard-coded in the variable '{variable}'"
    return None


def _single_call(value: str, function: str) -> str | None:
    tree = parse_cached(value) if is_expression(value) else None
    if isinstance(tree, Call) and tree.lower_name == function and len(tree.args) == 1 \
            and isinstance(tree.args[0], StringLit):
        return tree.args[0].value.lower()
    return None


def _declaration(template: Any, lower: str) -> Any:
    return next((d for k, d in template.symbols.parameters.items() if k.lower() == lower), None)


def _spelled(template: Any, lower: str) -> str:
    return next((k for k in template.symbols.parameters if k.lower() == lower), lower)
