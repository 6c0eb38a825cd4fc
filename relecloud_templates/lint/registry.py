"""Automatic discovery of the lint rules: every ``Rule`` subclass defined in a module under
``relecloud_templates/lint/rules/<area>/``. No list to keep in step by hand."""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path

from relecloud_templates.lint.rule import Rule

RULES_PACKAGE = "relecloud_templates.lint.rules"
_RULES_DIR = Path(__file__).resolve().parent / "rules"


class RuleRegistryError(RuntimeError):
    """Two rules share an ID or a name, or a rule's metadata is malformed: a bug in the rules, not the input."""


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by ID."""
    found: list[type[Rule]] = []
    for area in sorted(p for p in _RULES_DIR.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        for module_file in sorted(area.glob("[a-z]*.py")):
            module = importlib.import_module(f"{RULES_PACKAGE}.{area.name}.{module_file.stem}")
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Rule)
                    and value.__module__ == module.__name__
                    and value.id
                ):
                    found.append(value)
    problems = [p for rule in found for p in rule.metadata_problems()]
    ids: dict[str, str] = {}
    for rule in found:
        for key in (rule.id.lower(), rule.name, *(old.lower() for old in rule.previous_ids)):
            if key in ids:
                problems.append(f"{rule.__name__}: {key!r} is already used by {ids[key]}")
            ids[key] = rule.__name__
    if problems:
        raise RuleRegistryError("; ".join(problems))
    return tuple(sorted(found, key=lambda r: (r.id[1:], r.id)))


def find_rule(key: str) -> type[Rule] | None:
    """A rule by ID (case-insensitive), kebab-case name, or an ID it had before its level changed."""
    wanted = key.strip().lower()
    for rule in all_rules():
        if rule.id.lower() == wanted or rule.name == wanted or wanted in (old.lower() for old in rule.previous_ids):
            return rule
    return None


_ID_PREFIX = re.compile(r"^[ewi]\d{0,3}$")


def match_rules(key: str) -> list[type[Rule]]:
    """The rules a --select/--ignore entry names: one by ID or name, or every rule whose ID starts with a
    prefix such as ``W`` or ``E50``. Empty when it names none."""
    rule = find_rule(key)
    if rule is not None:
        return [rule]
    wanted = key.strip().lower()
    if _ID_PREFIX.match(wanted):
        return [r for r in all_rules() if r.id.lower().startswith(wanted)]
    return []


def rule_keys() -> list[str]:
    """Every ID and name, for did-you-mean hints."""
    return [k for rule in all_rules() for k in (rule.id, rule.name)]
