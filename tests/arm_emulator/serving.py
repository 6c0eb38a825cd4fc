"""What publishing a served model touches after its unit deploys: AKS's run command (how the router's internal
address is read through ARM) and DNS record sets written directly through ARM (private and public zones).

Install with ``world.policies += [RunCommands(url), DnsRecords()]``; the server routes to ``route``:

- ``POST {cluster}/runCommand`` (any api-version): answers 202 with a ``Location`` of ``{cluster}/commandResults/
  {id}``, which answers 202 once (still running), then 200 with the ``RunCommandResult`` (``provisioningState``,
  ``exitCode``, ``logs``). It understands one command, ``kubectl get service NAME -n NAMESPACE -o jsonpath=
  '{.status.loadBalancer.ingress[0].ip}'``: the Azure Machine Learning extension's router (``azureml-fe`` in
  ``azureml``) exists once the cluster's extension is deployed, and has the last usable address of the cluster's
  subnet when the extension asks for an internal load balancer (``scoringFe.serviceType.internalLoadBalancer``),
  else a public address. ``router_pending[cluster name]`` answers that many runs with no address yet (Kubernetes
  prints nothing while the load balancer is being created). A cluster with Entra ID (``aadProfile.managed``)
  refuses a command without ``clusterToken``, as ``kubectl`` without credentials is refused.
- ``PUT``/``GET`` of ``.../privateDnsZones/{zone}/A/{name}`` and ``.../dnsZones/{zone}/CNAME/{name}``, under a
  zone that exists: the body's shape is checked (``ttl`` and ``aRecords[].ipv4Address``; ``TTL`` and
  ``CNAMERecord.cname``), the record set kept as a resource of the world (so deleting the zone's group removes it).

``commands`` records each command run, in order.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from typing import Any
from urllib.parse import unquote

from arm_emulator.state import Planned

CLUSTER = (r"(?P<cluster>/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.containerservice/"
           r"managedclusters/[^/]+)")
RUN = re.compile(CLUSTER + r"/runcommand$", re.IGNORECASE)
RESULT = re.compile(CLUSTER + r"/commandresults/(?P<id>[^/]+)$", re.IGNORECASE)
RECORD = re.compile(r"^(?P<zone>/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.network/"
                    r"(?P<kind>privatednszones|dnszones)/[^/]+)/(?P<type>[a-z]+)/(?P<name>[^/]+)$", re.IGNORECASE)
KUBECTL = re.compile(r"^kubectl get (?:service|svc) (?P<name>[a-z0-9-]+) -n (?P<namespace>[a-z0-9-]+) "
                     r"-o jsonpath='\{\.status\.loadBalancer\.ingress\[0\]\.ip\}'$")
EXTENSIONS = "microsoft.kubernetesconfiguration/extensions"


class RunCommands:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.results: dict[str, list] = {}  # command id -> [polls so far, result body]
        self.router_pending: dict[str, int] = {}  # cluster name lower -> runs that find no address yet
        self.commands: list[tuple[str, str]] = []  # (cluster name, command)

    def refusal(self, world: Any, planned: list) -> None:
        return None

    def applied(self, world: Any, resources: list) -> None:
        return None

    def route(self, world: Any, method: str, path: str, payload: Any, query: dict):
        if (m := RUN.match(path)) and method == "POST":
            cluster = world.resources.get(m["cluster"].lower())
            if cluster is None:
                return 404, _error("ResourceNotFound", f"The resource '{m['cluster']}' was not found.")
            body = payload if isinstance(payload, dict) else {}
            if not isinstance(body.get("command"), str):
                return 400, _error("InvalidParameter", "command is required.")
            self.commands.append((cluster.name, body["command"]))
            command_id = uuid.uuid4().hex
            self.results[command_id] = [0, self._run(world, cluster, body)]
            location = f"{self.base_url}{cluster.id}/commandResults/{command_id}?api-version={query['api-version'][0]}"
            return 202, None, {"Location": location}
        if (m := RESULT.match(path)) and method == "GET":
            found = self.results.get(m["id"])
            if found is None:
                return 404, _error("NotFound", f"No command {m['id']}.")
            found[0] += 1
            if found[0] == 1:  # the pod is still running
                return 202, None, {"Location": f"{self.base_url}{path}?api-version={query['api-version'][0]}"}
            return 200, found[1]
        return None

    def _run(self, world: Any, cluster: Planned, body: dict) -> dict:
        props = cluster.body.get("properties") or {}
        if (props.get("aadProfile") or {}).get("managed") and not body.get("clusterToken"):
            return _result(1, "error: You must be logged in to the server (Unauthorized)")
        m = KUBECTL.match(body["command"].strip())
        if m is None:
            return _result(1, "the emulator runs only `kubectl get service ... -o jsonpath=...`, not "
                              f"{body['command']!r}")
        extension = next((r for r in world.resources.values() if r.type.lower() == EXTENSIONS
                          and r.id.lower().startswith(cluster.id.lower() + "/")), None)
        if extension is None or (m["namespace"], m["name"]) != ("azureml", "azureml-fe"):
            return _result(1, f'Error from server (NotFound): services "{m["name"]}" not found')
        pending = self.router_pending.get(cluster.name.lower(), 0)
        if pending:
            self.router_pending[cluster.name.lower()] = pending - 1
            return _result(0, "")
        settings = (extension.body.get("properties") or {}).get("configurationSettings") or {}
        internal = str(settings.get("scoringFe.serviceType.internalLoadBalancer", "")).lower() == "true"
        return _result(0, _subnet_address(world, props) if internal else "20.50.60.70")


def _subnet_address(world: Any, props: dict) -> str:
    """The last usable address of the cluster's subnet (the router's internal load balancer takes one there)."""
    subnet_id = str(((props.get("agentPoolProfiles") or [{}])[0]).get("vnetSubnetID") or "")
    prefix = None
    subnet = world.resources.get(subnet_id.lower())
    if subnet is not None:
        prefix = (subnet.body.get("properties") or {}).get("addressPrefix")
    else:  # subnets declared inside their virtual network
        vnet = world.resources.get(subnet_id.lower().rsplit("/subnets/", 1)[0])
        name = subnet_id.rsplit("/", 1)[-1].lower()
        for candidate in ((vnet.body.get("properties") or {}).get("subnets") or []) if vnet else []:
            if str(candidate.get("name", "")).lower() == name:
                prefix = (candidate.get("properties") or {}).get("addressPrefix")
    network = ipaddress.ip_network(prefix or "10.255.0.0/24", strict=False)
    return str(network.broadcast_address - 1)


def _result(exit_code: int, logs: str) -> dict:
    return {"id": uuid.uuid4().hex, "properties": {
        "provisioningState": "Succeeded", "exitCode": exit_code, "logs": logs,
        "startedAt": "2026-11-26T00:00:00Z", "finishedAt": "2026-11-26T00:00:02Z"}}


class DnsRecords:
    def refusal(self, world: Any, planned: list) -> None:
        return None

    def applied(self, world: Any, resources: list) -> None:
        return None

    def route(self, world: Any, method: str, path: str, payload: Any, query: dict):
        m = RECORD.match(path)
        if m is None or method not in ("GET", "PUT"):
            return None
        private = m["kind"].lower() == "privatednszones"
        rtype = m["type"].upper()
        if (private, rtype) not in ((True, "A"), (False, "CNAME")):
            return None  # the emulator models the records relecloud writes
        zone = world.resources.get(m["zone"].lower())
        if zone is None:
            return 404, _error("ParentResourceNotFound", f"The DNS zone '{m['zone']}' was not found.")
        name = unquote(m["name"])
        record_id = f"{zone.id}/{rtype}/{name}"
        if method == "GET":
            found = world.resources.get(record_id.lower())
            if found is None:
                return 404, _error("NotFound", f"The record set {record_id} was not found.")
            return 200, {"id": found.id, "name": found.name, "type": found.type, **found.body}
        props = (payload or {}).get("properties") if isinstance(payload, dict) else None
        problem = _record_problem(props, private)
        if problem:
            return 400, _error("BadRequest", problem)
        created = record_id.lower() not in world.resources
        fqdn = zone.name if name == "@" else f"{name}.{zone.name}"
        body = {"etag": uuid.uuid4().hex, "properties": {**(props or {}), "fqdn": f"{fqdn}."}}
        rtype_full = f"{zone.type}/{rtype}"
        world.resources[record_id.lower()] = Planned(record_id, rtype_full, f"{zone.name}/{name}", body)
        return (201 if created else 200), {"id": record_id, "name": name, "type": rtype_full, **body}


def _record_problem(props: Any, private: bool) -> str:
    if not isinstance(props, dict):
        return "properties is required."
    if private:
        records = props.get("aRecords")
        if not isinstance(props.get("ttl"), int) or not isinstance(records, list) or not records or not all(
                isinstance(r, dict) and _is_ipv4(r.get("ipv4Address")) for r in records):
            return "A record set needs ttl and aRecords[].ipv4Address."
        return ""
    cname = props.get("CNAMERecord")
    if not isinstance(props.get("TTL"), int) or not isinstance(cname, dict) or not isinstance(cname.get("cname"), str):
        return "CNAME record set needs TTL and CNAMERecord.cname."
    return ""


def _is_ipv4(value: Any) -> bool:
    try:
        return isinstance(ipaddress.ip_address(str(value)), ipaddress.IPv4Address)
    except ValueError:
        return False


def _error(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}
