"""Profiles: named sets of rule levels that raise security posture to errors.

Without a profile the linter reports as errors only what breaks: ARM rejects the template, the deployment
fails, or a secret certainly leaks. Posture (public network access, local authentication, TLS, secrets guessed
from a name) is a warning, because a team may choose it on purpose. A profile is that team's statement that it
does not: under ``security-baseline`` posture findings are errors, and ``data-landing-zone`` adds the landing
zone rules of the cloud-scale analytics scenario on top. Each rule says in its ``profiles`` attribute the level it
takes under the profile that first raises it; a profile that extends another inherits its levels.

Chosen with ``--profile NAME`` or ``profile = "NAME"`` in the configuration; the configuration's per-rule levels
and ``--select``/``--ignore`` still apply on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from relecloud_templates.diagnostics import Severity

if TYPE_CHECKING:
    from relecloud_templates.lint.rule import Rule


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    extends: tuple[str, ...] = ()


PROFILES: dict[str, Profile] = {
    p.name: p for p in (
        Profile("security-baseline",
                "security posture as errors: no public network access, no local authentication, TLS 1.2, "
                "secrets only in secure parameters, no hard-coded administrator names"),
        Profile("data-landing-zone",
                "security-baseline plus the cloud-scale analytics landing zone profile: private DNS for every "
                "private endpoint, diagnostics to Log Analytics, hardened data lakes, Key Vaults, Synapse, "
                "Databricks and Data Factory, described parameters and outputs",
                extends=("security-baseline",)),
    )
}


def chain(profile: str) -> list[str]:
    """The profile and every profile it extends, the most basic first (later entries win)."""
    found: list[str] = []

    def visit(name: str) -> None:
        for parent in PROFILES[name].extends:
            visit(parent)
        if name not in found:
            found.append(name)

    visit(profile)
    return found


def level_under(rule: type[Rule], profile: str | None) -> tuple[bool, Severity | None]:
    """(whether the profile sets the rule's level, that level); the rule's default stands when it does not."""
    if profile is None:
        return False, None
    decided, level = False, None
    for name in chain(profile):
        if name in rule.profiles:
            decided, level = True, Severity.parse(rule.profiles[name])
    return decided, level
