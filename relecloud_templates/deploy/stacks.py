"""Deployment stacks: how relecloud deploys a unit so that Azure knows which resources it owns.

Each unit is one deployment stack at the unit's scope, named like its deployment. The stack remembers the
resources its template deployed ("managed"); when the manifest no longer declares one, updating the stack
detaches it (it stays in Azure, unmanaged) or deletes it, as ``--prune`` says (``actionOnUnmanage``). Deny
settings can forbid changing or deleting managed resources other than through the stack.

Stacks carry tags naming the estate (the plan's prefix and environment) and the unit, so that a stack whose
unit the manifest no longer has (a removed product) is found ("orphaned") and pruned too, and the stacks of
another estate or environment are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.deploy.plan_file import KINDS, DeployPlan, Unit

PRUNE_MODES = ("detach", "delete")
DENY_MODES = ("none", "denyDelete", "denyWriteAndDelete")
# denySettings limits, as the deployment stacks API documents them (excludedPrincipals, excludedActions).
MAX_EXCLUDED_PRINCIPALS, MAX_EXCLUDED_ACTIONS = 5, 200
TAG_ESTATE, TAG_ENVIRONMENT, TAG_UNIT, TAG_ZONE, TAG_KIND = (
    "relecloud-estate", "relecloud-environment", "relecloud-unit", "relecloud-zone", "relecloud-kind")
# Provisioning states of a stack that is still working (the API spells them in camelCase; compared lower).
ACTIVE_STATES = ("creating", "validating", "waiting", "deploying", "canceling", "updatingdenyassignments",
                 "deletingresources", "deleting", "initializing", "running", "accepted")


@dataclass(frozen=True)
class StackSettings:
    prune: str = "detach"  # what happens to resources a stack no longer manages
    deny: str = "none"  # denySettings.mode
    excluded_principals: tuple[str, ...] = ()  # Entra object IDs the deny settings do not apply to
    prefix: str | None = None  # the estate the stacks belong to (plan.json "estate")
    environment: str | None = None
    excluded_actions: tuple[str, ...] = ()  # operations they do not refuse (Microsoft.Storage/storageAccounts/delete)

    def action_on_unmanage(self, prune: str | None = None) -> dict[str, str]:
        action = prune or self.prune
        return {"resources": action, "resourceGroups": action, "managementGroups": "detach"}

    def deny_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = {"mode": self.deny}
        if self.deny != "none":
            settings["applyToChildScopes"] = False
            if self.excluded_principals:
                settings["excludedPrincipals"] = list(self.excluded_principals)
            if self.excluded_actions:
                settings["excludedActions"] = list(self.excluded_actions)
        return settings

    def tags(self, unit: Unit) -> dict[str, str]:
        tags = {TAG_UNIT: unit.name, TAG_ZONE: unit.zone, TAG_KIND: unit.kind}
        if self.prefix and self.environment:
            tags.update({TAG_ESTATE: self.prefix, TAG_ENVIRONMENT: self.environment})
        return tags

    def owns(self, tags: dict[str, str]) -> bool:
        """Whether a stack with these tags belongs to this estate and environment."""
        return bool(self.prefix and self.environment and tags.get(TAG_ESTATE) == self.prefix
                    and tags.get(TAG_ENVIRONMENT) == self.environment and tags.get(TAG_UNIT))


@dataclass
class StackState:
    """A deployment stack as Azure has it."""

    state: str  # provisioningState, lower case
    managed: list[str] = field(default_factory=list)  # resource IDs
    deny_mode: str = "none"
    excluded: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # denySettings excludedPrincipals, excludedActions
    prune: str = "detach"  # actionOnUnmanage.resources
    deployment_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)  # failedResources: "id: error"

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    @classmethod
    def from_body(cls, body: dict) -> StackState:
        props = body.get("properties") or {}
        failed = []
        for item in props.get("failedResources") or ():
            error = item.get("error") or {}
            failed.append(f"{item.get('id', '?')}: {error.get('code', 'Error')}: {error.get('message', '')}".rstrip())
        deny = props.get("denySettings") or {}
        return cls(state=str(props.get("provisioningState") or "").lower(),
                   managed=[r["id"] for r in props.get("resources") or () if r.get("id")
                            and str(r.get("status", "managed")).lower() != "none"],
                   deny_mode=str(deny.get("mode") or "none"),
                   excluded=(tuple(deny.get("excludedPrincipals") or ()), tuple(deny.get("excludedActions") or ())),
                   prune=str((props.get("actionOnUnmanage") or {}).get("resources") or "detach"),
                   deployment_id=props.get("deploymentId"), tags=dict(body.get("tags") or {}), failed=failed)


def stack_body(unit: Unit, settings: StackSettings, parameters: dict) -> dict:
    """The request body that creates or updates (or validates) the unit's stack. ``parameters`` may hold secrets:
    the body goes to the SDK and nowhere else."""
    props = {"template": unit.template, "parameters": parameters,
             "actionOnUnmanage": settings.action_on_unmanage(), "denySettings": settings.deny_settings(),
             "description": f"relecloud unit {unit.name} ({unit.kind}, zone {unit.zone})"}
    body: dict[str, Any] = {"tags": settings.tags(unit), "properties": props}
    if unit.scope == "subscription":
        body["location"] = unit.location
    return body


def settings_changes(current: StackState | None, settings: StackSettings) -> list[str]:
    """What updating an existing stack changes besides its resources (deny settings, what pruning does)."""
    if current is None:
        return []
    changes = []
    if current.deny_mode != settings.deny:
        changes.append(f"denySettings.mode: {current.deny_mode} => {settings.deny}")
    wanted = settings.deny_settings()
    for name, now in zip(("excludedPrincipals", "excludedActions"), current.excluded):
        after = wanted.get(name, [])
        if sorted(s.lower() for s in now) != sorted(s.lower() for s in after):
            changes.append(f"denySettings.{name}: {_listed(now)} => {_listed(after)}")
    return changes


def _listed(values) -> str:
    return "[" + ", ".join(values) + "]"


def orphan_unit(body: dict, subscription_id: str, resource_group: str | None) -> Unit:
    """A stand-in unit for a stack of this estate whose unit the plan no longer has (for preview and deletion)."""
    tags = body.get("tags") or {}
    kind = str(tags[TAG_KIND]) if tags.get(TAG_KIND) in KINDS else "product"
    return Unit(name=str(tags.get(TAG_UNIT)), kind=kind, zone=str(tags.get(TAG_ZONE) or "?"),
                scope="resourceGroup" if resource_group else "subscription", subscription_id=subscription_id,
                resource_group=resource_group, location=str(body.get("location") or ""),
                deployment_name=str(body.get("name")), depends_on=(), template={}, parameters={},
                secure_parameters=())


def orphan_order(orphans: list[Unit]) -> dict[str, list[str]]:
    """``unit -> units to delete first`` among orphans: workloads before landing zones before the management zone
    (the reverse of how they were deployed)."""
    rank = {kind: i for i, kind in enumerate(reversed(KINDS))}  # product 0 ... managementZone 3
    return {o.name: [p.name for p in orphans if rank[p.kind] < rank[o.kind]] for o in orphans}


def teardown_order(units: list[Unit], orphans: list[Unit]) -> dict[str, list[str]]:
    """``unit -> units to delete first`` when tearing down ``units`` (plan units) and ``orphans`` (removed units'
    stacks) together: a plan unit after the plan units that depend on it and after the removed units that would
    (the workloads of its zone, when it is that zone's landing zone; everything, when it is the management zone);
    removed units among themselves workloads first (orphan_order)."""
    order = orphan_order(orphans)
    names = {u.name for u in units}
    for unit in units:
        order[unit.name] = [u.name for u in units if unit.name in u.depends_on and u.name in names]
        order[unit.name] += [o.name for o in orphans if would_depend_on(o, unit)]
    return order


def would_depend_on(orphan: Unit, unit: Unit) -> bool:
    """Whether a removed unit's stack needs ``unit`` (so goes before it in a teardown): every unit needs the
    management zone, a workload its zone's landing zone."""
    rank = {kind: i for i, kind in enumerate(KINDS)}  # managementZone 0 ... product 3
    if unit.kind == "managementZone":
        return rank[orphan.kind] > 0
    return unit.kind == "landingZone" and orphan.zone == unit.zone and rank[orphan.kind] > rank["landingZone"]


def scopes_to_search(plan: DeployPlan, subscription_stacks: dict[str, list[dict]]) -> list[tuple[str, str]]:
    """Resource groups that may hold stacks of this estate: the plan's, and those the estate's subscription-scope
    stacks manage (a removed landing zone's groups)."""
    found: dict[tuple[str, str], None] = {}
    for unit in plan.units:
        if unit.resource_group:
            found[(unit.subscription_id, unit.resource_group)] = None
    for subscription_id, bodies in subscription_stacks.items():
        for body in bodies:
            for resource_id in StackState.from_body(body).managed:
                parts = resource_id.strip("/").split("/")
                if len(parts) == 4 and parts[2].lower() == "resourcegroups":
                    found[(subscription_id, parts[3])] = None
    return list(found)
