"""Managed private endpoints and their approval, as Azure behaves around a storage account.

A managed private endpoint (Data Factory's, an ARM resource; Synapse's, in the workspace's data plane; a Machine
Learning workspace's outbound rule, made when its managed network is provisioned) asks the target storage
account for a private endpoint connection, which waits in ``Pending`` until the account's owner approves it.
The connection's private endpoint is named ``<engine>.<endpoint>`` (Synapse, Data Factory) and lives in a
Microsoft-managed subscription. This module models that (install it with ``world.policies.append(...)`` and let
the server route to it):

- ``applied``: committed Data Factory managed private endpoints, and a Synapse workspace's endpoint to its
  default lake (``createManagedPrivateEndpoint``), request a connection on their target;
- ``route``: ``GET``/``PUT`` of ``.../storageAccounts/{a}/privateEndpointConnections[/{name}]`` (ARM), ``GET``/
  ``PUT`` of ``/_synapse/{workspace}/managedVirtualNetworks/default/managedPrivateEndpoints/{name}`` (Synapse's
  data plane, reached through the endpoint template ``RELECLOUD_SYNAPSE_ENDPOINT``) and ``POST .../workspaces/
  {w}/provisionManagedNetwork`` (Machine Learning: each outbound rule then requests its connection).

``events`` records, in order, each connection requested and approved, for tests of the order of things.
"""

from __future__ import annotations

import re
from typing import Any

CONNECTIONS = re.compile(r"^(?P<account>/subscriptions/[^/]+/resourcegroups/[^/]+/providers/(?:microsoft\.storage/"
                         r"storageaccounts|microsoft\.keyvault/vaults|microsoft\.purview/accounts)/[^/]+)"
                         r"/privateendpointconnections(?:/(?P<name>[^/]+))?$", re.IGNORECASE)
SYNAPSE = re.compile(r"^/_synapse/(?P<workspace>[^/]+)/managedvirtualnetworks/default/managedprivateendpoints"
                     r"(?:/(?P<name>[^/]+))?$", re.IGNORECASE)
PROVISION = re.compile(r"^(?P<workspace>/subscriptions/[^/]+/resourcegroups/[^/]+/providers/"
                       r"microsoft\.machinelearningservices/workspaces/[^/]+)/provisionmanagednetwork$", re.IGNORECASE)
MANAGED = "/subscriptions/00000000-0000-4000-8000-0000000000ff/resourceGroups/managed/providers/Microsoft.Network"
ADF_ENDPOINTS = "microsoft.datafactory/factories/managedvirtualnetworks/managedprivateendpoints"
ML_RULES = "microsoft.machinelearningservices/workspaces/outboundrules"


class ManagedEndpoints:
    def __init__(self) -> None:
        self.connections: dict[str, dict[str, dict]] = {}  # lower-case account id -> connection name -> body
        self.synapse: dict[str, dict[str, dict]] = {}  # lower-case workspace name -> endpoint name -> body
        self.events: list[tuple[str, str]] = []  # ("requested" | "approved", connection name)

    # -- the World's hooks -----------------------------------------------------------------------------------
    def refusal(self, world: Any, planned: list) -> None:
        return None

    def applied(self, world: Any, resources: list) -> None:
        for resource in resources:
            kind = resource.type.lower()
            props = resource.body.get("properties") or {}
            if kind == ADF_ENDPOINTS:
                factory, _, endpoint = resource.name.split("/")
                self.request(world, str(props.get("privateLinkResourceId", "")), f"{factory}.{endpoint}")
            elif kind == "microsoft.synapse/workspaces":
                lake = props.get("defaultDataLakeStorage") or {}
                if lake.get("createManagedPrivateEndpoint") is True:
                    account = str(lake.get("resourceId", ""))
                    name = f"synapse-ws-custstgacct--{resource.name}-{account.rsplit('/', 1)[-1]}"
                    self.synapse.setdefault(resource.name.lower(), {})[name] = _endpoint(name, account, "dfs")
                    self.request(world, account, f"{resource.name}.{name}")

    def request(self, world: Any, target: str, endpoint_name: str) -> bool:
        """A connection on ``target`` for the private endpoint ``endpoint_name``, pending; False when the target
        does not exist (Azure refuses such an endpoint)."""
        if target.lower() not in world.resources:
            return False
        found = self.connections.setdefault(target.lower(), {})
        name = f"{target.rsplit('/', 1)[-1]}.{endpoint_name}-conn"
        if name not in found:
            found[name] = {
                "id": f"{target}/privateEndpointConnections/{name}",
                "name": name,
                "type": "privateEndpointConnections",
                "properties": {
                    "privateEndpoint": {"id": f"{MANAGED}/privateEndpoints/{endpoint_name}"},
                    "privateLinkServiceConnectionState": {
                        "status": "Pending",
                        "description": "Requested by a managed private endpoint",
                        "actionRequired": "None",
                    },
                    "provisioningState": "Succeeded",
                },
            }
            self.events.append(("requested", name))
        return True

    # -- routes ------------------------------------------------------------------------------------------------
    def route(self, world: Any, method: str, path: str, payload: Any, query: dict) -> tuple[int, dict | None] | None:
        if m := CONNECTIONS.match(path):
            return self._connections(world, method, m["account"], m["name"], payload)
        if m := SYNAPSE.match(path):
            return self._synapse(world, method, m["workspace"], m["name"], payload)
        if (m := PROVISION.match(path)) and method == "POST":
            return self._provision(world, m["workspace"])
        return None

    def _connections(self, world: Any, method: str, account: str, name: str | None, payload: Any):
        if account.lower() not in world.resources:
            return 404, _error("ResourceNotFound", f"The resource '{account}' was not found.")
        found = self.connections.get(account.lower(), {})
        if name is None and method == "GET":
            return 200, {"value": list(found.values())}
        connection = found.get(name or "")
        if connection is None:
            return 404, _error("PrivateEndpointConnectionNotFound", f"No private endpoint connection {name}.")
        if method == "GET":
            return 200, connection
        if method != "PUT":
            return 405, _error("MethodNotAllowed", method)
        state = ((payload or {}).get("properties") or {}).get("privateLinkServiceConnectionState") or {}
        if state.get("status") not in ("Approved", "Rejected"):
            return 400, _error("InvalidRequestContent", "privateLinkServiceConnectionState.status must be given")
        connection["properties"]["privateLinkServiceConnectionState"] = {
            "status": state["status"], "description": state.get("description", ""), "actionRequired": "None"}
        self.events.append((state["status"].lower(), connection["name"]))
        return 200, connection

    def _synapse(self, world: Any, method: str, workspace: str, name: str | None, payload: Any):
        if not any(r.type.lower() == "microsoft.synapse/workspaces" and r.name.lower() == workspace.lower()
                   for r in world.resources.values()):
            return 404, _error("WorkspaceNotFound", f"Workspace {workspace} does not exist.")
        found = self.synapse.setdefault(workspace.lower(), {})
        if name is None:
            return 200, {"value": list(found.values())}
        if method == "GET":
            return (200, found[name]) if name in found else (404, _error("NotFound", f"No endpoint {name}."))
        if method != "PUT":
            return 405, _error("MethodNotAllowed", method)
        props = (payload or {}).get("properties") or {}
        target, group = str(props.get("privateLinkResourceId", "")), props.get("groupId")
        if not self.request(world, target, f"{workspace}.{name}"):
            return 400, _error("PrivateLinkResourceNotFound", f"The target {target} does not exist.")
        found[name] = _endpoint(name, target, group)
        return 200, found[name]

    def _provision(self, world: Any, workspace: str):
        rules = [r for r in world.resources.values() if r.type.lower() == ML_RULES
                 and r.id.lower().startswith(workspace.lower() + "/")]
        for rule in rules:
            destination = (rule.body.get("properties") or {}).get("destination") or {}
            ws, _, rule_name = rule.name.partition("/")
            self.request(world, str(destination.get("serviceResourceId", "")), f"{ws}.{rule_name}")
        return 200, {"isolationMode": "AllowOnlyApprovedOutbound", "status": "Active"}


def _endpoint(name: str, target: str, group: Any) -> dict:
    return {"name": name, "type": "Microsoft.Synapse/workspaces/managedVirtualNetworks/managedPrivateEndpoints",
            "properties": {"privateLinkResourceId": target, "groupId": group, "provisioningState": "Succeeded",
                           "connectionState": {"status": "Pending"}}}


def _error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}
