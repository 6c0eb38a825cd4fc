"""I3005: API versions no older than two years when a newer one exists."""

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.graph import is_list_function, resource_id_parts
from relecloud_templates.arm.template import Template
from relecloud_templates.arm.vocabulary import RESOURCE_ID_FUNCTIONS
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
reported when a newer stable version exists. The API versions given to `reference()` and `list*()` are judged
the same way, where the resource type is known (from a `resourceId()` argument, or the resource of the template
the call names). The API version of the module deployments in a template the Bicep compiler wrote is the
compiler's choice and is not judged.

Configure in `[tool.relecloud.validate.rules]`:
`api-version-recent = { reference-date = "2027-01-01", max-age-days = 365 }`.

Equivalents: Bicep use-recent-api-versions (maxAgeInDays 730, reference() and list*() included); ARM-TTK
apiVersions-Should-Be-Recent and apiVersions-Should-Be-Recent-In-Reference-Functions."""
    options = {"reference-date": "2026-11-01", "max-age-days": 730}

    def check(self, ctx: RuleContext) -> None:
        try:
            reference = dt.date.fromisoformat(str(ctx.options["reference-date"]))
        except ValueError:
            reference = dt.date.fromisoformat(self.options["reference-date"])
        oldest = reference - dt.timedelta(days=int(ctx.options["max-age-days"]))
        max_age = ctx.options["max-age-days"]
        for resource in ctx.resources():
            version = resource.api_version
            if not resource.type or not isinstance(version, str):
                continue
            if resource.is_deployment and generated_by_bicep(resource.template):
                continue  # the Bicep compiler chose the API version of its module deployments
            problem = _judge(resource.type, version, reference, oldest, max_age)
            if problem:
                ctx.report(resource.path_of("apiVersion"), problem[0], hint=problem[1])
        for site, tree in ctx.expressions():
            for call, type_name, version in _versions_in_calls(tree, site.template):
                problem = _judge(type_name, version, reference, oldest, max_age)
                if problem:
                    ctx.report(site.path, f"{call.name}(): {problem[0]}", offset=call.start, hint=problem[1])


def _judge(type_name: str, version: str, reference: dt.date, oldest: dt.date, max_age: int) -> tuple[str, str] | None:
    """(message, hint) when ``version`` of ``type_name`` is too old or a superseded preview; None otherwise."""
    from relecloud_templates.arm import typeschemas

    match = _DATE.match(version)
    if not match:
        return None
    try:
        released = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    entry = typeschemas.lookup(type_name)
    if entry is None:
        return None
    newer = _newer_stable(entry, version)
    if not newer:
        return None
    if released < oldest:
        return (f"{type_name} API version {version} is {(reference - released).days // 365} years old "
                f"(older than {max_age} days before {reference.isoformat()})", f"the newest is {newer[-1]}")
    if match[4]:
        return f"{type_name} uses the preview API version {version}, though {newer[-1]} is stable", f"use {newer[-1]}"
    return None


def _versions_in_calls(tree: ex.Node, template: Template) -> Iterator[tuple[ex.Call, str, str]]:
    """(call, resource type, API version) of every reference()/list*() call that names an API version and whose
    resource type is known: from a resourceId()-family first argument, or a resource of the template by name."""
    for call in ex.walk(tree):
        if not isinstance(call, ex.Call) or call.namespace is not None or len(call.args) < 2:
            continue
        if call.lower_name != "reference" and not is_list_function(call.lower_name):
            continue
        version = call.args[1]
        if not isinstance(version, ex.StringLit):
            continue
        target = call.args[0]
        type_name = None
        if isinstance(target, ex.Call) and target.lower_name in RESOURCE_ID_FUNCTIONS:
            parts = resource_id_parts(target, template)
            type_name = parts[0] if parts is not None and isinstance(parts[0], str) else None
        else:
            name = template.evaluator.evaluate_node(target)
            if isinstance(name, str) and "/" not in name:
                named = [r for r in template.resources if isinstance(r.name, str) and r.name.lower() == name.lower()]
                type_name = named[0].type if len(named) == 1 else None
        if type_name:
            yield call, type_name, version.value


# (type, version) -> the newer stable versions; an estate repeats the same few pairs thousands of times
_NEWER: dict[tuple[str, str], list[str]] = {}


def _newer_stable(entry: Any, version: str) -> list[str]:
    """The entry's non-preview API versions newer than ``version``, oldest first."""
    key = (entry.name.lower(), version.lower())
    if key not in _NEWER:
        from relecloud_templates.arm import typeschemas

        _NEWER[key] = sorted((v for v in entry.api_versions if not typeschemas.is_preview(v) and v.lower() > key[1]),
                             key=typeschemas.version_sort_key)
    return _NEWER[key]
