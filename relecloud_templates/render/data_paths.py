"""Proof over a rendered estate that data can move: for every edge that plan.json lists (``access``), the rendered
templates hold the grant, the network path and the approval, in the units plan.json says.

It reads only what render wrote (plan.json and the unit templates), never the manifest, so it checks the output
itself: a grant, an endpoint or an approval step removed from a rendered copy is found missing. The lint rule
W7010 runs it on every plan.json that validate meets, and the render tests on the bundled estate.

What counts:

- **grant**: a role assignment in the grant's unit whose scope is the container, whose role is the edge's and
  whose principal is the identity's (its ``reference(...)`` names the resource); for a Purview scan (``kind``
  ``scan``, the whole account) one at the zone's subscription (no ``scope``: the deployment's) or on the account;
- **network path**: Data Factory's managed private endpoint (ARM), a Machine Learning outbound rule (ARM),
  Synapse's managed private endpoint (a data-plane step of the unit, or the workspace's own endpoint to its
  default lake), Purview's managed private endpoints (data-plane steps of the unit) with its managed virtual
  network runtime (a data-plane step of Purview's unit), or for Databricks the lake's own private endpoint (dfs)
  in the lake owner's unit;
- **approval**: a data-plane approval step for a managed endpoint, by its requester, on the lake; or a lake
  private endpoint that is approved at creation (``privateLinkServiceConnections``, not the manual kind).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from relecloud_templates.arm.template import Resource, build_template
from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.services import roles

ROLE_IDS = {"Storage Blob Data Contributor": roles.STORAGE_BLOB_DATA_CONTRIBUTOR,
            "Storage Blob Data Reader": roles.STORAGE_BLOB_DATA_READER}
MANAGED_GROUPS = {"dataFactory": ("dfs",), "synapse": ("dfs", "blob"), "machineLearning": ("dfs", "blob"),
                  "purview": ("dfs", "blob")}
PARTS = ("grant", "network path", "approval")


@dataclass(frozen=True)
class Missing:
    index: int  # of the edge in plan.json's access list
    edge: str
    part: str  # one of PARTS
    unit: str | None
    why: str


def missing_parts(plan: Mapping[str, Any], templates: Mapping[str, Any]) -> list[Missing]:
    """Every part of every edge of ``plan`` (plan.json as data) that ``templates`` (unit name -> its main.json as
    data, None when it could not be read) do not hold."""
    units = {u.get("name"): u for u in plan.get("units") or () if isinstance(u, dict)}
    models: dict[str, list[Resource]] = {}

    def resources(unit: str | None) -> list[Resource]:
        if unit not in models:
            document = templates.get(unit) if unit else None
            models[unit or ""] = list(build_template(document).all_resources()) if isinstance(document, dict) else []
        return models[unit or ""]

    def steps(unit: str | None) -> list[dict]:
        found = (units.get(unit) or {}).get("dataPlane") or []
        return [s for s in found if isinstance(s, dict)]

    found: list[Missing] = []
    for index, edge in enumerate(plan.get("access") or ()):
        if not isinstance(edge, dict):
            continue
        label = _label(edge)
        for part, check in (("grant", _grant), ("network path", _path), ("approval", _approval)):
            unit, why = check(edge, resources, steps)
            if why:
                found.append(Missing(index, label, part, unit, why))
    return found


def _label(edge: dict) -> str:
    store = edge.get("store") or {}
    if edge.get("kind") == "scan":
        return f"{edge.get('workload')} scans {store.get('account')}"
    what = f"reads {edge.get('reads')} from" if edge.get("kind") == "read" else "writes"
    return f"{edge.get('workload')} {what} {store.get('account')}/{store.get('container')}"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _raw(resource: Resource, *path: str) -> Any:
    """The value as written, None where it is not written."""
    value = resource.raw(*path)
    return None if value is MISSING or value is UNKNOWN else value


def _grant(edge: dict, resources, steps) -> tuple[str | None, str]:
    unit = (edge.get("grant") or {}).get("unit")
    store, identity = edge.get("store") or {}, edge.get("identity") or {}
    account = f"storageAccounts/{store.get('account')}"
    container = f"{account}/blobServices/default/containers/{store.get('container')}"
    role = ROLE_IDS.get(edge.get("role", ""), "?")
    for resource in resources(unit):
        if resource.type_lower != "microsoft.authorization/roleassignments":
            continue  # first: a unit holds many resources, each edge looks at them all
        scope = _raw(resource, "scope")
        covers = (scope is None or _text(scope).endswith(account)) if edge.get("kind") == "scan" else \
            _text(scope).endswith(container)
        if (covers and role in _text(_raw(resource, "properties", "roleDefinitionId"))
                and f"'{identity.get('name')}'" in _text(_raw(resource, "properties", "principalId"))):
            return unit, ""
    where = f"{store.get('account')} (or its subscription)" if edge.get("kind") == "scan" else container
    return unit, f"no {edge.get('role')} for {identity.get('name')} on {where} in unit {unit}"


def _path(edge: dict, resources, steps) -> tuple[str | None, str]:
    unit = (edge.get("networkPath") or {}).get("unit")
    store, identity, engine = edge.get("store") or {}, edge.get("identity") or {}, edge.get("engine")
    account, name = str(store.get("account") or ""), str(identity.get("name") or "")
    if engine == "databricks":
        if _lake_endpoint(resources(unit), account) is None:
            return unit, f"no dfs private endpoint of {account} in unit {unit}"
        return unit, ""
    missing = [group for group in MANAGED_GROUPS.get(str(engine), ("dfs",))
               if not any(True for _ in _managed_endpoints(str(engine), name, account, group, resources(unit),
                                                           steps(unit)))]
    if missing:
        return unit, f"no managed private endpoint of {name} to {account} ({', '.join(missing)}) in unit {unit}"
    runtime_unit = identity.get("unit")
    if engine == "purview" and not any(s.get("action") == "purviewManagedRuntime" and s.get("account") == name
                                       for s in steps(runtime_unit)):
        return unit, f"no managed virtual network runtime of {name} in unit {runtime_unit}"
    return unit, ""


def _managed_endpoints(engine: str, name: str, account: str, group: str, found: list[Resource],
                       dataplane: list[dict]) -> Iterator[Any]:
    for resource in found:
        if (engine == "dataFactory" and resource.type_lower.endswith("/managedvirtualnetworks/managedprivateendpoints")
                and _text(resource.written_name).startswith(f"{name}/")
                and f"'{account}'" in _text(_raw(resource, "properties", "privateLinkResourceId"))
                and _raw(resource, "properties", "groupId") == group):
            yield resource
        if (
            engine == "machineLearning"
            and resource.type_lower == "microsoft.machinelearningservices/workspaces/outboundrules"
        ):
            destination = _raw(resource, "properties", "destination") or {}
            if (_text(resource.written_name).startswith(f"{name}/") and isinstance(destination, dict)
                    and f"'{account}'" in _text(destination.get("serviceResourceId"))
                    and destination.get("subresourceTarget") == group):
                yield resource
        if engine == "synapse" and group == "dfs" and resource.type_lower == "microsoft.synapse/workspaces":
            lake = _raw(resource, "properties", "defaultDataLakeStorage") or {}
            if (resource.written_name == name and isinstance(lake, dict) and lake.get("createManagedPrivateEndpoint")
                    is True and f"'{account}'" in _text(lake.get("resourceId"))):
                yield resource
    actions = {"synapse": ("synapseManagedPrivateEndpoint", "workspace"),
               "purview": ("purviewManagedPrivateEndpoint", "account")}
    if engine in actions:
        action, owner = actions[engine]
        for step in dataplane:
            if (
                step.get("action") == action
                and step.get(owner) == name
                and _text(step.get("target")).endswith(f"/storageAccounts/{account}")
                and step.get("group") == group
            ):
                yield step


def _lake_endpoint(found: list[Resource], account: str, *, approved: bool = False) -> Resource | None:
    """The lake's private endpoint to its dfs sub-resource; with ``approved``, only one approved at creation
    (``privateLinkServiceConnections``: its owner makes it), not one that waits (the manual kind)."""
    kinds = ("privateLinkServiceConnections",) if approved else (
        "privateLinkServiceConnections", "manualPrivateLinkServiceConnections")
    for resource in found:
        if resource.type_lower != "microsoft.network/privateendpoints":
            continue
        for kind in kinds:
            for connection in _raw(resource, "properties", kind) or ():
                props = connection.get("properties") if isinstance(connection, dict) else None
                if (isinstance(props, dict) and f"'{account}'" in _text(props.get("privateLinkServiceId"))
                        and "dfs" in (props.get("groupIds") or ())):
                    return resource
    return None


def _approval(edge: dict, resources, steps) -> tuple[str | None, str]:
    unit = (edge.get("approval") or {}).get("unit")
    store, identity = edge.get("store") or {}, edge.get("identity") or {}
    if edge.get("engine") == "databricks":
        if _lake_endpoint(resources(unit), str(store.get("account") or ""), approved=True) is None:
            return unit, f"no private endpoint of {store.get('account')} approved at creation in unit {unit}"
        return unit, ""
    wanted = set(MANAGED_GROUPS.get(edge.get("engine", ""), ("dfs",)))
    for step in steps(unit):
        if (step.get("action") == "approvePrivateEndpoint" and step.get("requesterName") == identity.get("name")
                and step.get("target") == store.get("accountId") and wanted <= set(step.get("groups") or ())):
            return unit, ""
    return unit, f"no approval of {identity.get('name')}'s endpoint on {store.get('account')} in unit {unit}"
