"""The D codes: problems `relecloud deploy` finds in a rendered plan before it talks to Azure, and the one
construct report of `relecloud decompile`. One code and kebab-case name each, documented in docs/deploy.md
(a test keeps the table and this registry the same)."""

from __future__ import annotations

# name -> (code, what it is about)
CHECKS: dict[str, tuple[str, str]] = {
    "untranslated-construct": ("D001", "decompile: a construct with no faithful Bicep translation (a warning)"),
    "unreadable-file": ("D101", "plan.json, or a template or parameters file it names, cannot be read"),
    "invalid-json": ("D102", "plan.json, a template or a parameters file is not valid JSON"),
    "unsupported-plan": ("D103", "not a version 1 plan with a list of units"),
    "invalid-unit": (
        "D104",
        "a unit that is not an object, lacks a field, has one of the wrong type, or has no ARM template",
    ),
    "unknown-value": ("D105", "a unit's kind or scope is not one relecloud knows"),
    "invalid-deployment-name": ("D106", "a deployment name ARM would refuse"),
    "invalid-subscription": ("D107", "a subscription ID (in the plan or --subscription) that is not a GUID"),
    "resource-group-scope": ("D108", "a resource group without resourceGroup scope, or the scope without one"),
    "file-outside-plan": ("D109", "a unit's template or parameters file outside the plan's folder"),
    "invalid-parameters": ("D110", "a parameters file that is not a deploymentParameters object"),
    "duplicate-unit": ("D111", "two units with one name"),
    "unknown-unit": ("D112", "a unit depends on a unit the plan does not have"),
    "unit-order": ("D113", "a unit listed before a unit it depends on (or a cycle)"),
    "invalid-template": ("D114", "a unit's template is not a JSON object"),
    "invalid-estate": ("D115", "plan.json's estate (prefix and environment the stacks are tagged with) is malformed"),
    "unknown-selected-unit": ("D120", "--unit names a unit the plan does not have"),
    "unknown-zone": ("D121", "--zone or --subscription names a zone the plan does not have"),
}


def code_of(name: str) -> str:
    return CHECKS[name][0]
