"""Do the values given to a template fit its parameters? Shared by parameter files and nested deployments."""

from collections.abc import Callable
from typing import Any

from relecloud_templates.arm.template import Template
from relecloud_templates.lint.rules.parameters._values import is_required, value_problems
from relecloud_templates.suggest import did_you_mean


def check_values(
    template: Template,
    given: dict[str, Any],
    report: Callable[[tuple[Any, ...], str, str], None],
    entry_path: Callable[[str], tuple[Any, ...]],
    missing_path: tuple[Any, ...],
    what: str,
    evaluate: Callable[[Any], Any],
    supplied_elsewhere: frozenset[str] = frozenset(),
) -> None:
    """Report values for undeclared parameters, required parameters left out, and values of the wrong type.

    ``given`` maps the names as written to their entries ({"value": ...} or a Key Vault reference);
    ``supplied_elsewhere`` are lower-case names whose values may come from elsewhere (the command line)."""
    declared = template.parameters
    definitions = template.node.get("definitions")
    declared_lower = {k.lower(): k for k in declared}
    given_lower = {k.lower() for k in given}
    for name, entry in given.items():
        if name.lower() not in declared_lower:
            report(entry_path(name), f"{what} gives a value for '{name}', which the template does not declare",
                   did_you_mean(name, declared))
            continue
        decl = declared[declared_lower[name.lower()]]
        if isinstance(entry, dict) and "value" in entry:
            for problem in value_problems(decl, evaluate(entry["value"]), definitions):
                report(entry_path(name) + ("value",), f"parameter '{name}' {problem}", "")
    missing = [k for k, decl in declared.items() if is_required(decl, definitions) and k.lower() not in given_lower
               and k.lower() not in supplied_elsewhere]
    for name in missing:
        report(missing_path, f"{what} gives no value for the required parameter '{name}'",
               "add it, or give the parameter a defaultValue in the template")
