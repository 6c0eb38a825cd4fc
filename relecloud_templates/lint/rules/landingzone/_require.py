"""A boolean property a landing zone profile requires to be written with one value (shared by its rules)."""

from relecloud_templates.arm.template import Resource
from relecloud_templates.arm.values import MISSING, UNKNOWN, shown
from relecloud_templates.lint.rule import RuleContext


def require_flag(ctx: RuleContext, resource: Resource, prop: str, wanted: bool, why: str, what: str = "") -> None:
    """Report ``properties.<prop>`` unless it is known to be ``wanted``; unknown values are not judged."""
    value = resource.value("properties", prop)
    if value is UNKNOWN or value is wanted:
        return
    where = resource.path_of("properties", prop) if value is not MISSING else resource.path_of("properties")
    state = "does not set" if value is MISSING else f"sets {shown(value)} for"
    ctx.report(where, f"{what}{resource.label} {state} {prop}: {why}", hint=f"set {prop} to {str(wanted).lower()}")
