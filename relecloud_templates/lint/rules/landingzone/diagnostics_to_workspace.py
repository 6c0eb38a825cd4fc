"""W7003: data services without diagnostic settings to a Log Analytics workspace, in templates that send
diagnostics for some of their services."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.graph import resource_id_parts
from relecloud_templates.arm.template import Resource
from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.arm.vocabulary import RESOURCE_ID_FUNCTIONS
from relecloud_templates.lint.rule import Rule, RuleContext

STORAGE = "microsoft.storage/storageaccounts"
DATA_SERVICES = tuple(t.lower() for t in (
    STORAGE,
    "Microsoft.KeyVault/vaults",
    "Microsoft.Synapse/workspaces",
    "Microsoft.DataFactory/factories",
    "Microsoft.Databricks/workspaces",
    "Microsoft.EventHub/namespaces",
    "Microsoft.Sql/servers/databases",
    "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.ContainerService/managedClusters",
    "Microsoft.Purview/accounts",
    "Microsoft.ContainerRegistry/registries",
))
_SETTINGS = "microsoft.insights/diagnosticsettings"
_INLINE = "providers/diagnosticsettings"
UNKNOWN_NAME = "\x00"  # stands for a name segment only known at deployment time


@dataclass(frozen=True)
class Target:
    """What a diagnostic setting is attached to: a full type and name, each lower case or UNKNOWN."""

    type: Any
    name: Any

    def covers(self, resource: Resource) -> bool:
        """Whether the setting may be attached to ``resource`` or, for storage, to one of its services."""
        if self.type is UNKNOWN:
            return True
        rtype = resource.type_lower
        if self.type != rtype and not (rtype == STORAGE and self.type.startswith(rtype + "/")):
            return False
        if self.name is UNKNOWN or not isinstance(resource.name, str):
            return True
        rname = resource.name.lower()
        return bool(self.name == rname or self.name.startswith(rname + "/"))


class DiagnosticsToWorkspace(Rule):
    id = "W7003"
    name = "diagnostics-to-central-workspace"
    profiles = {"data-landing-zone": "error"}
    description = "Where a template sends diagnostics to Log Analytics, every data service in it does so too."
    explanation = """The landing zones send the logs and metrics of every data service (storage, Key Vault,
Synapse, Data Factory, Databricks, Event Hubs, SQL databases, Machine Learning, AKS, Purview, container
registries) to the management zone's central Log Analytics workspace, through a
`Microsoft.Insights/diagnosticSettings` resource scoped to the service (for storage, to the account or one of
its blob/file/queue/table services) with a `workspaceId`. A service left out has no audit trail: who read the
vault's secrets, which pipeline failed.

The rule judges templates that write diagnostic settings for at least one resource and reports each data
service that none of them covers. A template with no diagnostic settings at all is left alone: that estate
evidently configures diagnostics elsewhere (the reference management zone does it with Azure Policy
DeployIfNotExists assignments), and this file cannot tell. Settings whose target is only known at
deployment time count for every service they might cover; a setting without `workspaceId` counts for none.

Equivalents: PSRule Azure.KeyVault.Logs and the Azure.<service>.Logs pattern; checkov CKV2_AZURE_53/_54
(analogues); ARM-TTK (none)."""

    def check(self, ctx: RuleContext) -> None:
        settings = [r for r in ctx.resources() if _is_setting(r)]
        if not settings:
            return
        targets = [t for t in (_target(s) for s in settings if _has_workspace(s)) if t is not None]
        for resource in ctx.resources():
            if resource.type_lower not in DATA_SERVICES or resource.existing:
                continue
            if not any(target.covers(resource) for target in targets):
                ctx.report(resource.path_of("type"),
                           f"{resource.label} sends no diagnostics to a Log Analytics workspace, unlike other "
                           "services of this template",
                           hint="add a Microsoft.Insights/diagnosticSettings scoped to it with a workspaceId")


def _is_setting(resource: Resource) -> bool:
    return resource.type_lower == _SETTINGS or resource.type_lower.endswith(_INLINE)


def _has_workspace(setting: Resource) -> bool:
    value = setting.value("properties", "workspaceId")
    return value is UNKNOWN or (value is not MISSING and value != "" and value is not None)


def _target(setting: Resource) -> Target | None:
    """Where ``setting`` is attached; None when it is attached to no resource (a resource group, a subscription)."""
    if setting.type_lower == _INLINE:  # written inside its resource, whose type the model does not prefix to it
        owner = setting.parent
        if owner is None or owner.type is None:
            return None
        return Target(owner.type_lower, owner.name.lower() if isinstance(owner.name, str) else UNKNOWN)
    if setting.type_lower != _SETTINGS:  # <type>/providers/diagnosticSettings named <name>/Microsoft.Insights/<x>
        owner_type = setting.type_lower.split("/providers/", 1)[0]
        name = setting.name.lower().split("/microsoft.insights/", 1)[0] if isinstance(setting.name, str) else UNKNOWN
        return Target(owner_type, name)
    scope = setting.value("scope")
    if scope is MISSING:
        return None
    if isinstance(scope, str):
        return _parse_scope(scope)
    return _written_scope(setting.raw("scope"), setting)


def _parse_scope(scope: str) -> Target | None:
    """``Microsoft.KeyVault/vaults/kv`` or a resource ID as a target; None for a resource group or subscription."""
    text = scope.lower().strip("/")
    if "/providers/" in text:
        text = text.rsplit("/providers/", 1)[1]
    elif text.startswith(("subscriptions/", "resourcegroups/")):
        return None
    parts = text.split("/")
    if len(parts) < 3 or len(parts) % 2 == 0:
        return Target(UNKNOWN, UNKNOWN)
    names = parts[2::2]
    return Target(
        "/".join([parts[0], *parts[1::2]]), UNKNOWN if any(UNKNOWN_NAME in n for n in names) else "/".join(names)
    )


def _written_scope(written: Any, setting: Resource) -> Target:
    """The target of a scope whose value is unknown, from how it is written: ``format('Microsoft.Sql/servers/{0}/
    databases/{1}', ...)`` (what Bicep writes) or ``resourceId('type', ...)`` gives the type; the name stays
    unknown. Anything else may be attached to any resource."""
    tree = parse_cached(written) if isinstance(written, str) else None
    if (
        isinstance(tree, ex.Call)
        and tree.lower_name == "format"
        and tree.args
        and isinstance(tree.args[0], ex.StringLit)
    ):
        template = re.sub(r"\{\d+(:[^}]*)?\}", UNKNOWN_NAME, tree.args[0].value)
        target = _parse_scope(template)
        if target is not None and isinstance(target.type, str) and UNKNOWN_NAME not in target.type:
            return target
    elif isinstance(tree, ex.Call) and tree.lower_name in RESOURCE_ID_FUNCTIONS:
        parts = resource_id_parts(tree, setting.template)
        if parts is not None and isinstance(parts[0], str):
            names = parts[1]
            known = all(isinstance(n, str) for n in names)
            return Target(parts[0].lower(), "/".join(names).lower() if known else UNKNOWN)
    return Target(UNKNOWN, UNKNOWN)
