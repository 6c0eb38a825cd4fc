"""I3005: API versions no older than two years when a newer one exists."""

import datetime as dt
import re

from relecloud_templates.lint.helpers import generated_by_bicep
from relecloud_templates.lint.rule import Rule, RuleContext

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(-preview|-beta|-alpha|-privatepreview)?$", re.IGNORECASE)


class ApiVersionRecent(Rule):
    id = "I3005"
    previous_ids = ("W3005",)
    name = "api-version-recent"
    default_enabled = False
    description = "apiVersion is at most max-age-days older than the reference date, unless it is the newest one."
    explanation = """Old API versions miss security settings (`minimumTlsVersion`, `publicNetworkAccess`,
`allowSharedKeyAccess` arrived in later versions), behave differently from the documentation people read,
and are eventually retired. The age is measured against a reference date pinned in the rule's options
(`reference-date`, default 2026-11-01), not the clock, so that a build does not start failing on its own
overnight; move it forward deliberately. A version older than `max-age-days` (default 730) is reported only
when the bundled type index knows a newer non-preview version, which the hint names. A preview version is
reported when a newer stable version exists. The API version of the module deployments in a template the Bicep
compiler wrote is the compiler's choice and is not judged.

Configure in `[tool.relecloud.validate.rules]`:
`api-version-recent = { reference-date = "2027-01-01", max-age-days = 365 }`.

Equivalents: Bicep use-recent-api-versions (maxAgeInDays 730); ARM-TTK apiVersions-Should-Be-Recent."""
    options = {"reference-date": "2026-11-01", "max-age-days": 730}

    def check(self, ctx: RuleContext) -> None:
        from relecloud_templates.arm import typeschemas

        try:
            reference = dt.date.fromisoformat(str(ctx.options["reference-date"]))
        except ValueError:
            reference = dt.date.fromisoformat(self.options["reference-date"])
        oldest = reference - dt.timedelta(days=int(ctx.options["max-age-days"]))
        for resource in ctx.resources():
            version = resource.api_version
            if not resource.type or not isinstance(version, str):
                continue
            if resource.is_deployment and generated_by_bicep(resource.template):
                continue  # the Bicep compiler chose the API version of its module deployments
            match = _DATE.match(version)
            if not match:
                continue
            try:
                released = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            entry = typeschemas.lookup(resource.type)
            if entry is None:
                continue
            newer = _newer_stable(entry, version)
            if not newer:
                continue
            if released < oldest:
                ctx.report(resource.path_of("apiVersion"),
                           f"{resource.type} API version {version} is {(reference - released).days // 365} years old "
                           f"(older than {ctx.options['max-age-days']} days before {reference.isoformat()})",
                           hint=f"the newest is {newer[-1]}")
            elif match[4]:
                ctx.report(resource.path_of("apiVersion"),
                           f"{resource.type} uses the preview API version {version}, though {newer[-1]} is stable",
                           hint=f"use {newer[-1]}")


# (type, version) -> the newer stable versions; an estate repeats the same few pairs thousands of times
_NEWER: dict[tuple[str, str], list[str]] = {}


def _newer_stable(entry, version: str) -> list[str]:
    """The entry's non-preview API versions newer than ``version``, oldest first."""
    key = (entry.name.lower(), version.lower())
    if key not in _NEWER:
        from relecloud_templates.arm import typeschemas

        _NEWER[key] = sorted((v for v in entry.api_versions if not typeschemas.is_preview(v) and v.lower() > key[1]),
                             key=typeschemas.version_sort_key)
    return _NEWER[key]
