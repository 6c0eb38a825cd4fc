"""Purview's scanning data plane as far as scanning through a managed virtual network goes (api-version 2023-09-01,
the stable version of the public specification ``Azure.Analytics.Purview.Scanning``).

Install with ``world.policies.append(PurviewScanning(endpoints))``; the server routes to ``route``, under the
endpoint template ``RELECLOUD_PURVIEW_ENDPOINT`` (``/_purview/{account}``), for an account that exists:

- ``/scan/managedvirtualnetworks/{name}`` (GET, PUT): the account's managed virtual network; the name is
  ``default`` or ``defaultv2``, as the specification restricts it;
- ``/scan/integrationruntimes/{name}`` (GET, PUT): a ``Managed`` runtime must reference a managed virtual
  network that exists; a ``SelfHosted`` one needs nothing;
- ``/scan/managedvirtualnetworks/{name}/managedprivateendpoints/{endpoint}`` (GET, PUT): needs the network; a
  new or changed endpoint asks its target for a private endpoint connection (``ManagedEndpoints.request``),
  pending until the target's owner approves it. The connection's private endpoint is named
  ``<account>.<endpoint>``, as Data Factory and Synapse name theirs (Purview does not document its naming).

``events`` records each network, runtime and endpoint created, in order, for tests of the order of things.
"""

from __future__ import annotations

import re
from typing import Any

SCAN = re.compile(r"^/_purview/(?P<account>[^/]+)/scan/(?:(?P<runtimes>integrationruntimes)/(?P<runtime>[^/]+)|"
                  r"managedvirtualnetworks/(?P<network>[^/]+)(?:/managedprivateendpoints/(?P<endpoint>[^/]+))?)$",
                  re.IGNORECASE)
NETWORKS = ("default", "defaultv2")
API_VERSION = "2023-09-01"


class PurviewScanning:
    def __init__(self, endpoints: Any) -> None:
        self.endpoints = endpoints  # dataplane.ManagedEndpoints: the targets' private endpoint connections
        self.networks: dict[str, dict[str, dict]] = {}  # account lower -> network name -> body
        self.runtimes: dict[str, dict[str, dict]] = {}  # account lower -> runtime name -> body
        self.private_endpoints: dict[str, dict[str, dict]] = {}  # account lower -> endpoint name -> body
        self.events: list[tuple[str, str]] = []  # ("network" | "runtime" | "endpoint", account/name)

    def refusal(self, world: Any, planned: list) -> None:
        return None

    def applied(self, world: Any, resources: list) -> None:
        return None

    def route(self, world: Any, method: str, path: str, payload: Any, query: dict) -> tuple[int, Any] | None:
        m = SCAN.match(path)
        if m is None:
            return None
        account = m["account"]
        if not any(r.type.lower() == "microsoft.purview/accounts" and r.name.lower() == account.lower()
                   for r in world.resources.values()):
            return 404, _error("AccountNotFound", f"Purview account {account} does not exist.")
        if (query.get("api-version") or [""])[0] != API_VERSION:
            return 400, _error("InvalidApiVersion", f"The api-version must be {API_VERSION}.")
        if method not in ("GET", "PUT"):
            return 405, _error("MethodNotAllowed", method)
        key = account.lower()
        if m["runtimes"]:
            return self._runtime(key, method, m["runtime"], payload)
        if m["network"] not in NETWORKS:
            return 400, _error("InvalidManagedVirtualNetworkName",
                               f"The managed virtual network name must be one of {', '.join(NETWORKS)}.")
        if m["endpoint"]:
            return self._endpoint(world, account, method, m["network"], m["endpoint"], payload)
        networks = self.networks.setdefault(key, {})
        if method == "GET":
            found = networks.get(m["network"])
            return (200, found) if found else (404, _error("ManagedVirtualNetworkNotFound", m["network"]))
        created = m["network"] not in networks
        networks[m["network"]] = {"name": m["network"], "properties": {
            "vNetId": f"{key}-{m['network']}", "alias": f"{key}-{m['network']}"}}
        if created:
            self.events.append(("network", f"{account}/{m['network']}"))
        return (201 if created else 200), networks[m["network"]]

    def _runtime(self, key: str, method: str, name: str, payload: Any):
        runtimes = self.runtimes.setdefault(key, {})
        if method == "GET":
            return (200, runtimes[name]) if name in runtimes else (404, _error("IntegrationRuntimeNotFound", name))
        body = payload if isinstance(payload, dict) else {}
        if body.get("kind") not in ("Managed", "SelfHosted"):
            return 400, _error("InvalidIntegrationRuntimeKind", "kind must be Managed or SelfHosted.")
        props = body.get("properties") or {}
        if body["kind"] == "Managed":
            reference = (props.get("managedVirtualNetworkReference") or {}).get("referenceName")
            if reference not in self.networks.get(key, {}):
                return 400, _error("ManagedVirtualNetworkNotFound",
                                   f"The managed virtual network {reference!r} does not exist: create it first.")
            if not ((props.get("typeProperties") or {}).get("computeProperties") or {}).get("location"):
                return 400, _error("InvalidComputeProperties", "typeProperties.computeProperties.location is required.")
        created = name not in runtimes
        runtimes[name] = {"name": name, "kind": body["kind"], "properties": props}
        self.events.append(("runtime", f"{key}/{name}"))
        return (201 if created else 200), runtimes[name]

    def _endpoint(self, world: Any, account: str, method: str, network: str, name: str, payload: Any):
        key = account.lower()
        if network not in self.networks.get(key, {}):
            return 404, _error("ManagedVirtualNetworkNotFound", f"The managed virtual network {network} does not "
                                                                 "exist: create it (with a runtime) first.")
        found = self.private_endpoints.setdefault(key, {})
        if method == "GET":
            return (200, found[name]) if name in found else (404, _error("ManagedPrivateEndpointNotFound", name))
        props = (payload or {}).get("properties") or {}
        target, group = str(props.get("privateLinkResourceId", "")), props.get("groupId")
        if not group or not self.endpoints.request(world, target, f"{account}.{name}"):
            return 400, _error("PrivateLinkResourceNotFound", f"The target {target} ({group}) does not exist.")
        created = name not in found
        found[name] = {"name": name, "properties": {"privateLinkResourceId": target, "groupId": group,
                                                    "provisioningState": "Succeeded",
                                                    "connectionState": {"status": "Pending"}}}
        self.events.append(("endpoint", f"{key}/{name}"))
        return (201 if created else 200), found[name]


def _error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}
