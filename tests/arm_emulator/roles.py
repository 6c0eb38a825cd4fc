"""Roles that live in services' data planes: Synapse RBAC and Purview's collection roles.

Install with ``world.policies.append(DataPlaneRoles())``; the server routes to ``route``:

- ``/_synapse/{workspace}/roleDefinitions`` (GET) and ``/_synapse/{workspace}/roleAssignments[/{id}]`` (GET with
  ``roleId``, ``principalId`` and ``scope`` filters; PUT), as the Synapse access control API answers them, for a
  workspace that exists;
- ``/_purview/{account}/policystore/metadataPolicies`` (GET with ``collectionName``; PUT of one by id): each
  account has one policy for its root collection (named as the account), with the built-in collection roles.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

# The emulator's own IDs for the built-in roles (deploy finds a role by its name, as a workspace lists them).
SYNAPSE_ROLES = {name: str(uuid.uuid5(uuid.NAMESPACE_URL, f"synapse-role/{name}"))
                 for name in ("Synapse Administrator", "Synapse Contributor", "Synapse Compute Operator")}
SYNAPSE = re.compile(r"^/_synapse/(?P<workspace>[^/]+)/(?P<kind>roledefinitions|roleassignments)(?:/(?P<id>[^/]+))?$",
                     re.IGNORECASE)
PURVIEW = re.compile(r"^/_purview/(?P<account>[^/]+)/policystore/metadatapolicies(?:/(?P<id>[^/]+))?$", re.IGNORECASE)
PURVIEW_ROLES = ("collection-administrator", "data-curator", "data-reader", "data-source-administrator")


class DataPlaneRoles:
    def __init__(self) -> None:
        self.assignments: dict[str, dict[str, dict]] = {}  # workspace lower -> id -> assignment
        self.policies: dict[str, dict] = {}  # account lower -> its root collection's metadata policy

    def refusal(self, world: Any, planned: list) -> None:
        return None

    def applied(self, world: Any, resources: list) -> None:
        return None

    def route(self, world: Any, method: str, path: str, payload: Any, query: dict) -> tuple[int, Any] | None:
        if m := SYNAPSE.match(path):
            if not _exists(world, "microsoft.synapse/workspaces", m["workspace"]):
                return 404, _error("WorkspaceNotFound", f"Workspace {m['workspace']} does not exist.")
            if m["kind"].lower() == "roledefinitions":
                return 200, {"value": [{"id": rid, "name": name} for name, rid in SYNAPSE_ROLES.items()]}
            return self._assignments(method, m["workspace"].lower(), m["id"], payload, query)
        if m := PURVIEW.match(path):
            if not _exists(world, "microsoft.purview/accounts", m["account"]):
                return 404, _error("AccountNotFound", f"Purview account {m['account']} does not exist.")
            return self._policies(method, m["account"], m["id"], payload, query)
        return None

    def _assignments(self, method: str, workspace: str, rid: str | None, payload: Any, query: dict):
        found = self.assignments.setdefault(workspace, {})
        if rid is None and method == "GET":
            wanted = {k: v[0] for k, v in query.items() if k in ("roleId", "principalId", "scope")}
            return 200, {"value": [a for a in found.values() if all(a.get(k) == v for k, v in wanted.items())]}
        if method != "PUT" or rid is None:
            return 405, _error("MethodNotAllowed", method)
        body = payload or {}
        if body.get("roleId") not in SYNAPSE_ROLES.values():
            return 400, _error("RoleNotFound", f"No role {body.get('roleId')}.")
        found[rid] = {"id": rid, "roleId": body["roleId"], "principalId": body.get("principalId"),
                      "scope": body.get("scope"), "principalType": body.get("principalType")}
        return 200, found[rid]

    def _policies(self, method: str, account: str, pid: str | None, payload: Any, query: dict):
        policy = self.policies.setdefault(account.lower(), _root_policy(account))
        if pid is None and method == "GET":
            collection = (query.get("collectionName") or [""])[0]
            return 200, {"values": [policy] if collection.lower() == account.lower() else []}
        if method != "PUT" or pid != policy["id"]:
            return 404, _error("PolicyNotFound", f"No metadata policy {pid}.")
        self.policies[account.lower()] = payload
        return 200, payload

    def members(self, account: str, role: str) -> list[str]:
        policy = self.policies.get(account.lower()) or _root_policy(account)
        rule = next(r for r in policy["properties"]["attributeRules"] if r["id"].startswith(
            f"purviewmetadatarole_builtin_{role}:"))
        return rule["dnfCondition"][0][0]["attributeValueIncludedIn"]


def _root_policy(account: str) -> dict:
    rules = [{"id": f"purviewmetadatarole_builtin_{role}:{account}", "name": f"purviewmetadatarole_builtin_{role}",
              "kind": "attributerule", "dnfCondition": [[
                  {"attributeName": "principal.microsoft.id", "attributeValueIncludedIn": []},
                  {"fromRule": f"purviewmetadatarole_builtin_{role}", "attributeName": "derived.purview.role",
                   "attributeValueIncludes": f"purviewmetadatarole_builtin_{role}"}]]}
             for role in PURVIEW_ROLES]
    return {"id": f"policy-{account.lower()}", "name": "policy_root", "version": 1,
            "properties": {"collection": {"type": "CollectionReference", "referenceName": account},
                           "attributeRules": rules}}


def _exists(world: Any, kind: str, name: str) -> bool:
    return any(r.type.lower() == kind and r.name.lower() == name.lower() for r in world.resources.values())


def _error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}

