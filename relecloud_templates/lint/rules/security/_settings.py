"""Table-driven checks of one property of one resource type, shared by the transport, network and auth rules.

Each ``Setting`` names a resource type, a property path and what a good value is. A value that is written and
known to be bad is reported; ``missing_is_bad`` also reports a property that is not written, for the few
whose default is the insecure choice. UNKNOWN values are never reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from relecloud_templates.arm.values import MISSING, UNKNOWN, shown
from relecloud_templates.lint.rule import RuleContext


@dataclass(frozen=True)
class Setting:
    type: str
    path: tuple[str, ...]
    good: Callable[[Any], bool]
    expected: str  # for messages: what to write
    missing_is_bad: bool = False


def equals(*values: Any) -> Callable[[Any], bool]:
    lowered = {v.lower() if isinstance(v, str) else v for v in values}
    return lambda v: (v.lower() if isinstance(v, str) else v) in lowered


def tls_at_least_12(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    digits = value.lower().replace("tls", "").replace("_", ".").strip(". ")
    try:
        return tuple(int(x) for x in digits.split(".")) >= (1, 2)
    except ValueError:
        return True  # a spelling we do not know: not judged


def check_settings(ctx: RuleContext, settings: list[Setting], problem: str) -> None:
    by_type: dict[str, list[Setting]] = {}
    for setting in settings:
        by_type.setdefault(setting.type.lower(), []).append(setting)
    for resource in ctx.resources():
        for setting in by_type.get(resource.type_lower, ()):
            if resource.existing:
                continue
            value = resource.value(*setting.path)
            if value is UNKNOWN:
                continue
            prop = ".".join(setting.path)
            if value is MISSING or value is None:
                if setting.missing_is_bad:
                    ctx.report(resource.path_of(*setting.path[:-1]) if len(setting.path) > 1 else resource.path,
                               f"{resource.label} does not set {prop}, and the default {problem}",
                               hint=f"set {prop} to {setting.expected}")
                continue
            if not setting.good(value):
                ctx.report(
                    resource.path_of(*setting.path),
                    f"{resource.label} sets {prop} to {shown(value)}, which {problem}",
                    hint=f"set it to {setting.expected}",
                )
