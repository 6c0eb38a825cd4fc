"""Data-plane steps: what ARM cannot express, performed after a unit's deployment and before its dependants.

plan.json lists them per unit (``dataPlane``, docs/rendering.md "Data paths"). Each is idempotent: a re-run finds
it done and changes nothing.

- ``synapseManagedPrivateEndpoint``: the workspace's managed private endpoint to a lake (Synapse's data plane,
  ``PUT {workspace endpoint}/managedVirtualNetworks/default/managedPrivateEndpoints/{name}``, the REST call the
  azure-synapse-managedprivateendpoints client makes), created unless it is there with that target and group.
- ``approvePrivateEndpoint``: the requester's managed private endpoints (Data Factory, Synapse, a Machine
  Learning workspace's outbound rules, whose managed network is provisioned first) ask the lake for private
  endpoint connections. The step waits until each one the plan expects is there, then approves those still
  pending (``PUT .../storageAccounts/{a}/privateEndpointConnections/{name}``, ARM). Only connections whose
  private endpoint is named ``<requester>.<endpoint>`` for an endpoint the plan lists are approved: another
  requester's connection stays as it is.
- ``synapseRoleAssignment``: a Synapse RBAC role (by name: Synapse Administrator, Synapse Compute Operator) for an
  Entra group at a workspace or pool scope (``{workspace endpoint}/roleAssignments``, the REST calls of
  azure-synapse-accesscontrol), unless the group has it there.
- ``purviewCollectionRole``: a group added to a collection role (collection administrator, data curator, data
  reader) of the Purview account's metadata policy for that collection (``{account endpoint}/policystore/
  metadataPolicies``), unless it is there.
- ``purviewManagedRuntime``: Purview's managed virtual network (``defaultv2``) and a managed virtual network
  integration runtime in it, in Purview's scanning data plane (``{account endpoint}/scan/managedvirtualnetworks/
  {network}`` and ``/scan/integrationruntimes/{name}``, api-version 2023-09-01), each created unless it is there.
- ``purviewManagedPrivateEndpoint``: a managed private endpoint of that network to a lake (``/scan/
  managedvirtualnetworks/{network}/managedprivateendpoints/{name}``), created unless it is there with that target
  and group; it asks the lake for a connection, which ``approvePrivateEndpoint`` approves.
- ``scoringRecord``: a served model's A record. The inference router's address is read with ``kubectl get
  service`` through AKS's run command (``POST {cluster}/runCommand``, then its ``Location`` until the result;
  waiting while the internal load balancer has no address yet), then the apex A record of the scoring hostname's
  private DNS zone is created or updated (ARM) unless it holds that address.
- ``publicCname``: a public hostname's CNAME to the gateway's Azure DNS name, in the Azure public DNS zone the
  manifest names (ARM), unless it is there.
- any other step (a DNS record in a zone that is not Azure's, a Power BI gateway, a role whose group the
  manifest does not name) is not performed: the report lists it as something to do by hand, with its value.

The steps of a unit run at the same time, at most ``--max-parallel`` at once, each after the steps it needs
(``prerequisites``: derived from what the steps name, never from timing). A step that fails stops only the steps
that need it; the others go on, and the unit then fails with the first failure (in the plan's order) and the
steps not done. The notes come in the plan's order whatever order the steps finished in.

Imports the Azure SDK (azure-core) when it performs a step; only ``relecloud deploy`` runs them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from relecloud_templates.plan import steps as plan_steps
from relecloud_templates.plan.steps import (
    APPROVE,
    PUBLIC_CNAME,
    PURVIEW_ROLE,
    PURVIEW_RUNTIME,
    SCORING_RECORD,
    SYNAPSE_ROLE,
)
from relecloud_templates.plan.steps import PURVIEW_ENDPOINT as PURVIEW_ENDPOINT_STEP
from relecloud_templates.plan.steps import SYNAPSE_ENDPOINT as SYNAPSE_ENDPOINT_STEP

STORAGE_API = "2026-04-01"  # a step names its target's API version; this one is for plans without it
MACHINE_LEARNING_API = "2025-06-01"
SYNAPSE_API = "2021-06-01-preview"
SYNAPSE_SCOPE = "https://dev.azuresynapse.net/.default"
# Where a workspace's data plane is: RELECLOUD_SYNAPSE_ENDPOINT overrides it (other clouds, the emulator).
SYNAPSE_ENDPOINT = "https://{workspace}.dev.azuresynapse.net"
DEFAULT_TIMEOUT = 900.0  # seconds to wait for a requester's connections to appear on the lake
SYNAPSE_RBAC_API = "2020-12-01"
PURVIEW_API = "2021-07-01-preview"
PURVIEW_SCOPE = "https://purview.azure.net/.default"
PURVIEW_ENDPOINT = "https://{account}.purview.azure.com"
PURVIEW_SCANNING_API = "2023-09-01"  # the scanning data plane's stable version (managed networks and runtimes)
PERFORMED = (APPROVE, SYNAPSE_ENDPOINT_STEP, SYNAPSE_ROLE, PURVIEW_ROLE, PURVIEW_RUNTIME, PURVIEW_ENDPOINT_STEP,
             SCORING_RECORD, PUBLIC_CNAME)
# The Entra application of AKS clusters with managed Entra ID (one ID in every cloud): a run command carries the
# caller's token for it, so that the command runs as the caller under the cluster's Azure RBAC.
AKS_SERVER_SCOPE = "6dae42f8-4368-4678-94ff-3960e28e3630/.default"
AKS_API = "2026-05-01"  # a step names its API versions; these are for plans without them
PRIVATE_DNS_API = "2024-06-01"
PUBLIC_DNS_API = "2018-05-01"
_MACHINE_LEARNING = "/providers/Microsoft.MachineLearningServices/workspaces/"


class StepFailed(Exception):
    """A data-plane step that could not be done; the message says what and why, ``details`` what else failed or
    was not done because of it."""

    def __init__(self, message: str, details: Sequence[str] = ()):
        super().__init__(message)
        self.details = list(details)


def describe(step: dict) -> str:
    """One line for what-if, the summary and --explain."""
    what = plan_steps.describe(step)
    return what if performed(step) else f"by hand: {what}"


def performed(step: dict) -> bool:
    """Whether deploy does the step (a role needs a group's object ID, not a description)."""
    if step.get("action") in (SYNAPSE_ROLE, PURVIEW_ROLE):
        return _is_guid(step.get("principal"))
    return step.get("action") in PERFORMED


def prerequisites(steps: Sequence[dict]) -> dict[int, list[int]]:
    """For each step (by its index in ``steps``), the earlier steps it waits for, from what the steps name:

    - an approval waits for the steps that create the managed private endpoints it approves (same requester,
      an endpoint name it lists): their connections exist only once those are made;
    - Purview's managed private endpoints wait for the runtime step of their account and network, which creates
      the managed virtual network they live in.

    Steps deploy does not perform wait for nothing. The roles of one Purview collection are given together
    (``tasks``): each adds a group to the collection's one metadata policy, which two writers at once would
    undo, so one read and one write of the policy serve them all. What must not happen at the same time
    without one step needing another is excluded while the steps run, not ordered: the writes of approvals on
    one target (a storage account refuses a change while another holds it: 409
    StorageAccountOperationInProgress), and provisioning a Machine Learning workspace's managed network, done
    once for all its approvals."""
    needs: dict[int, list[int]] = {i: [] for i in range(len(steps))}
    makers: dict[tuple[str, str], list[int]] = {}  # (requester name, endpoint name) -> the steps that create it
    runtimes: dict[tuple[str, str], int] = {}  # (Purview account, network) -> its runtime step
    for i, step in enumerate(steps):
        if not performed(step):
            continue
        action = step.get("action")
        if action == SYNAPSE_ENDPOINT_STEP:
            makers.setdefault((_lower(step.get("workspace")), _lower(step.get("name"))), []).append(i)
        elif action == PURVIEW_RUNTIME:
            runtimes.setdefault((_lower(step.get("account")), _lower(step.get("network"))), i)
        elif action == PURVIEW_ENDPOINT_STEP:
            makers.setdefault((_lower(step.get("account")), _lower(step.get("name"))), []).append(i)
            runtime = runtimes.get((_lower(step.get("account")), _lower(step.get("network"))))
            needs[i] += [runtime] if runtime is not None else []
        elif action == APPROVE:
            requester = _lower(step.get("requesterName"))
            for endpoint in step.get("endpoints") or ():
                needs[i] += makers.get((requester, _lower(endpoint)), [])
    return {i: sorted(set(found)) for i, found in needs.items()}


def tasks(steps: Sequence[dict]) -> list[list[int]]:
    """The steps (by index) as they are performed: alone, except the roles of one Purview collection, which are
    given in one write of its metadata policy (no step waits for a role). In the order of their first step."""
    found: list[list[int]] = []
    policies: dict[tuple[str, str], list[int]] = {}  # (Purview account, collection) -> its role steps
    for i, step in enumerate(steps):
        if step.get("action") == PURVIEW_ROLE and performed(step):
            key = (_lower(step.get("account")), _lower(step.get("collection")))
            if key in policies:
                policies[key].append(i)
                continue
            policies[key] = [i]
            found.append(policies[key])
        else:
            found.append([i])
    return found


_EXCLUSIVE: dict[str, threading.Lock] = {}  # what one step at a time may change (lower-case resource ID), process-wide
_EXCLUSIVE_LOCK = threading.Lock()


def exclusive(key: str) -> threading.Lock:
    """The lock of ``key``: held by the one step that changes it (every unit's steps of a run share it)."""
    with _EXCLUSIVE_LOCK:
        return _EXCLUSIVE.setdefault(key.lower(), threading.Lock())


def _lower(value: Any) -> str:
    return str(value or "").lower()


@dataclass
class DataPlane:
    """Performs a unit's steps. ``arm(subscription)`` gives a client with ``send_request`` (an ARM management
    client of the run: its pipeline signs in, retries and honours the cancel event); ``credential`` signs the
    Synapse requests; ``cancel`` stops waiting. At most ``max_parallel`` steps run at once, each in a thread of
    its own that calls ``bind`` first (the run's request watch: whose requests they are)."""

    arm: Callable[[str], Any]
    credential: Any
    cancel: threading.Event
    phase: Callable[[str], None] = lambda text: None
    ca_bundle: str | None = None  # without a connection: the CA bundle to trust
    connection: Any = None  # connection.Connection: its retries, timeouts and CA bundle (None: azure-core's defaults)
    poll: float = 5.0
    timeout: float = DEFAULT_TIMEOUT
    max_parallel: int = 4
    bind: Callable[[], None] = lambda: None
    _provisioned: set[str] = field(default_factory=set)  # Machine Learning workspaces whose network was provisioned
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict)  # (endpoint, token scope) -> its client
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, steps: Iterable[dict]) -> list[str]:
        """The steps' notes, in their order. Every step whose prerequisites succeeded runs; then the first failure
        (in the steps' order) is raised, with the other failures and the steps not done in its details. Raises
        ``scheduler.Interrupted`` when the run was cancelled before every step was done (and none failed)."""
        from relecloud_templates.deploy.scheduler import Interrupted, Outcome, run_graph

        steps = list(steps)
        needs, groups = prerequisites(steps), tasks(steps)
        task_of = {i: t for t, members in enumerate(groups) for i in members}
        depends = {str(t): sorted({str(task_of[n]) for i in members for n in needs[i]} - {str(t)})
                   for t, members in enumerate(groups)}

        def perform(key: str) -> list[str | StepFailed]:
            self.bind()
            members = [steps[i] for i in groups[int(key)]]
            return self.purview_roles(members) if len(members) > 1 else [self.perform(members[0])]

        done = run_graph([str(t) for t in range(len(groups))], depends, perform,
                         max_parallel=max(1, self.max_parallel), cancel=self.cancel, tick=0.05)
        outcomes: dict[int, tuple[Outcome, Any]] = {}  # step -> (outcome, its note or what stopped it)
        for t, members in enumerate(groups):
            result = done[str(t)]
            for k, i in enumerate(members):
                value = result.value[k] if result.outcome is Outcome.SUCCEEDED else result.error
                failed = result.outcome is Outcome.SUCCEEDED and isinstance(value, StepFailed)
                outcomes[i] = (Outcome.FAILED if failed else result.outcome, value)
        ordered = [outcomes[i] for i in range(len(steps))]
        failures = [(i, error) for i, (outcome, error) in enumerate(ordered) if outcome is Outcome.FAILED]
        if failures:
            details = [f"also failed: {describe(steps[i])}: {_reason(error)}" for i, error in failures[1:]]
            details += [f"not done: {describe(steps[i])}: it waits for {describe(steps[blocker])}, which did not "
                        "succeed" for i, (outcome, _) in enumerate(ordered) if outcome is Outcome.SKIPPED
                        for blocker in [next((n for n in needs[i] if ordered[n][0] is not Outcome.SUCCEEDED), i)]]
            first = failures[0][1] or StepFailed(f"{describe(steps[failures[0][0]])} failed")
            if isinstance(first, StepFailed):
                raise StepFailed(str(first), [*first.details, *details])
            raise first  # an SDK error: the runner explains it, as it did when the steps ran one at a time
        if any(outcome is not Outcome.SUCCEEDED for outcome, _ in ordered):
            raise Interrupted("stopped during the data-plane steps")
        return [str(note) for _, note in ordered]

    def perform(self, step: dict) -> str:
        """Do one step; its note."""
        if not performed(step):
            return f"not performed ({describe(step)}): {step.get('why', '')}".rstrip(": ")
        handlers: dict[str, Callable[[dict], str]] = {
            SYNAPSE_ENDPOINT_STEP: self.synapse_endpoint, APPROVE: self.approve, SYNAPSE_ROLE: self.synapse_role,
            PURVIEW_ROLE: self.purview_role, PURVIEW_RUNTIME: self.purview_runtime,
            PURVIEW_ENDPOINT_STEP: self.purview_endpoint, SCORING_RECORD: self.scoring_record,
            PUBLIC_CNAME: self.public_cname}
        return handlers[str(step.get("action"))](step)

    # -- Synapse managed private endpoints ------------------------------------------------------------------------
    def synapse_endpoint(self, step: dict) -> str:
        workspace, name = str(step["workspace"]), str(step["name"])
        self.phase(f"managed private endpoint {name} in {workspace}")
        client, endpoint = self._synapse_client(workspace)
        path = (f"{endpoint.rstrip('/')}/managedVirtualNetworks/default/managedPrivateEndpoints/{quote(name)}"
                f"?api-version={SYNAPSE_API}")
        return self._managed_endpoint(client, path, step, workspace)

    def _managed_endpoint(self, client: Any, path: str, step: dict, owner: str) -> str:
        """A managed private endpoint (Synapse's or Purview's, one shape) to ``step``'s target and group, created
        or corrected unless it is there."""
        name = step["name"]
        current = self._send(client, "GET", path, allow=(404,))
        props = (current or {}).get("properties") or {}
        same = _same(props.get("privateLinkResourceId"), step["target"]) and props.get("groupId") == step["group"]
        if current and same:
            return f"managed private endpoint {name} of {owner}: already there"
        self._send(client, "PUT", path, {"properties": {"privateLinkResourceId": step["target"],
                                                        "groupId": step["group"]}})
        return f"managed private endpoint {name} of {owner}: created (pending approval on the lake)"

    def _synapse_client(self, workspace: str):
        endpoint = (os.environ.get("RELECLOUD_SYNAPSE_ENDPOINT") or SYNAPSE_ENDPOINT).format(workspace=workspace)
        return self._client(endpoint, SYNAPSE_SCOPE), endpoint

    def _client(self, endpoint: str, scope: str):
        """The client of ``endpoint``, one for all the steps that use it (it keeps its token and its connections)."""
        from azure.core import PipelineClient
        from azure.core.pipeline import policies

        with self._lock:
            if (endpoint, scope) in self._clients:
                return self._clients[(endpoint, scope)]
            if self.connection is not None:  # the run's retries (Ctrl-C ends a wait, Retry-After capped) and transport
                retries, options = self.connection.retry_policies(), {"transport": self.connection.transport()}
            else:
                retries = [policies.RetryPolicy()]
                options = {"connection_verify": self.ca_bundle} if self.ca_bundle else {}
            pipeline = [policies.HeadersPolicy(), policies.UserAgentPolicy("relecloud"), *retries,
                        policies.BearerTokenCredentialPolicy(self.credential, scope)]
            client = self._clients[(endpoint, scope)] = PipelineClient(endpoint, policies=pipeline, **options)
            return client

    # -- roles of the estate's groups -------------------------------------------------------------------------------
    def synapse_role(self, step: dict) -> str:
        workspace, role, scope = str(step["workspace"]), str(step["role"]), str(step["scope"])
        group = str(step["principal"])
        self.phase(f"{role} for {group} in {workspace}")
        client, endpoint = self._synapse_client(workspace)
        base = endpoint.rstrip("/")
        definitions = self._send(client, "GET", f"{base}/roleDefinitions?api-version={SYNAPSE_RBAC_API}") or {}
        found = definitions.get("value") if isinstance(definitions, dict) else definitions
        role_id = next((d.get("id") for d in found or () if isinstance(d, dict) and d.get("name") == role), None)
        if role_id is None:
            raise StepFailed(f"Synapse workspace {workspace} has no role named {role!r}")
        query = f"roleId={quote(str(role_id))}&principalId={quote(group)}&scope={quote(scope, safe='')}"
        listed = self._send(client, "GET", f"{base}/roleAssignments?api-version={SYNAPSE_RBAC_API}&{query}") or {}
        if any(a.get("scope") == scope for a in listed.get("value") or ()):
            return f"{role} for {group} on {scope}: already assigned"
        assignment = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{workspace}/{scope}/{role_id}/{group}"))
        self._send(client, "PUT", f"{base}/roleAssignments/{assignment}?api-version={SYNAPSE_RBAC_API}",
                   {"roleId": role_id, "principalId": group, "scope": scope,
                    "principalType": step.get("principalType", "Group")})
        return f"{role} for {group} on {scope}: assigned"

    def _purview_client(self, account: str):
        endpoint = (os.environ.get("RELECLOUD_PURVIEW_ENDPOINT") or PURVIEW_ENDPOINT).format(account=account)
        endpoint = endpoint.rstrip("/")
        return self._client(endpoint, PURVIEW_SCOPE), endpoint

    # -- Purview scanning through its managed virtual network -------------------------------------------------------
    def purview_runtime(self, step: dict) -> str:
        account, network, runtime = str(step["account"]), str(step["network"]), str(step["runtime"])
        self.phase(f"managed virtual network runtime {runtime} of {account}")
        client, endpoint = self._purview_client(account)
        version = f"api-version={PURVIEW_SCANNING_API}"
        done = []
        vnet = f"{endpoint}/scan/managedvirtualnetworks/{quote(network)}?{version}"
        if self._send(client, "GET", vnet, allow=(404,)) is None:
            self._send(client, "PUT", vnet, {"properties": {}})
            done.append(f"managed virtual network {network} created")
        path = f"{endpoint}/scan/integrationruntimes/{quote(runtime)}?{version}"
        wanted = {"kind": "Managed", "properties": {
            "typeProperties": {"computeProperties": {"location": step["location"]}},
            "managedVirtualNetworkReference": {"referenceName": network, "type": "ManagedVirtualNetworkReference"},
            "description": "Scans the estate's lakes through managed private endpoints (relecloud deploy)"}}
        current = self._send(client, "GET", path, allow=(404,))
        if current is not None and current.get("kind") != "Managed":
            raise StepFailed(f"Purview account {account} has a {current.get('kind')} integration runtime named "
                             f"{runtime}: remove or rename it, and deploy again")
        props = (current or {}).get("properties") or {}
        reference = (props.get("managedVirtualNetworkReference") or {}).get("referenceName")
        location = ((props.get("typeProperties") or {}).get("computeProperties") or {}).get("location")
        if current is not None and reference == network and location == step["location"]:
            done.append(f"runtime {runtime}: already there")
        else:
            self._send(client, "PUT", path, wanted)
            done.append(f"runtime {runtime} {'updated' if current is not None else 'created'}")
        return f"Purview {account}: " + "; ".join(done)

    def purview_endpoint(self, step: dict) -> str:
        account, network, name = str(step["account"]), str(step["network"]), str(step["name"])
        self.phase(f"managed private endpoint {name} of {account}")
        client, endpoint = self._purview_client(account)
        path = (f"{endpoint}/scan/managedvirtualnetworks/{quote(network)}/managedprivateendpoints/{quote(name)}"
                f"?api-version={PURVIEW_SCANNING_API}")
        return self._managed_endpoint(client, path, step, f"Purview {account}")

    def purview_role(self, step: dict) -> str:
        [note] = self.purview_roles([step])
        if isinstance(note, StepFailed):
            raise note
        return note

    def purview_roles(self, steps: list[dict]) -> list[str | StepFailed]:
        """Roles of one collection (every step names the same account and collection) in one read and one write of
        its metadata policy: a note per step, or why that step could not be done. Raises StepFailed when the
        policy cannot be read; when it cannot be written, that is why each role it would have added failed."""
        account, collection = str(steps[0]["account"]), str(steps[0]["collection"])
        self.phase(f"{steps[0]['role']} for {steps[0]['principal']} in {account}" if len(steps) == 1
                   else f"{len(steps)} collection roles in {account}")
        client, endpoint = self._purview_client(account)
        listed = self._send(client, "GET", f"{endpoint}/policystore/metadataPolicies?collectionName="
                                           f"{quote(collection)}&api-version={PURVIEW_API}") or {}
        policies = listed.get("values") or listed.get("value") or []
        if not policies:
            raise StepFailed(f"Purview account {account} has no metadata policy for collection {collection}")
        policy = policies[0]
        notes: list[str | StepFailed] = []
        added = []
        for step in steps:
            role, group = str(step["role"]), str(step["principal"])
            rule = next((r for r in (policy.get("properties") or {}).get("attributeRules") or ()
                         if str(r.get("id", "")).startswith(f"purviewmetadatarole_builtin_{role}:")), None)
            condition = next((c for clause in (rule or {}).get("dnfCondition") or () for c in clause
                              if c.get("attributeName") == "principal.microsoft.id"), None)
            if rule is None:
                notes.append(StepFailed(f"the metadata policy of collection {collection} has no {role} rule"))
            elif condition is None:
                notes.append(StepFailed(f"the {role} rule of collection {collection} names no principals"))
            elif group in condition.setdefault("attributeValueIncludedIn", []):
                notes.append(f"{role} of {account}/{collection} for {group}: already there")
            else:
                condition["attributeValueIncludedIn"].append(group)
                added.append(len(notes))
                notes.append(f"{role} of {account}/{collection} for {group}: added")
        if added:
            try:
                self._send(client, "PUT", f"{endpoint}/policystore/metadataPolicies/{quote(str(policy['id']))}"
                                          f"?api-version={PURVIEW_API}", policy)
            except StepFailed as exc:
                notes = [exc if k in added else note for k, note in enumerate(notes)]
        return notes

    # -- a served model's DNS records -------------------------------------------------------------------------------
    def scoring_record(self, step: dict) -> str:
        zone, record = str(step["zone"]), str(step.get("record") or "@")
        address = self._router_address(step)
        self.phase(f"A record of {zone}")
        zone_id = str(step["zoneId"])
        client = self.arm(zone_id.split("/")[2])
        path = f"{zone_id}/A/{quote(record, safe='@')}?api-version={step.get('dnsApiVersion') or PRIVATE_DNS_API}"
        current = self._send(client, "GET", path, allow=(404,))
        records = ((current or {}).get("properties") or {}).get("aRecords") or ()
        found = sorted(str(r.get("ipv4Address")) for r in records)
        if current is not None and found == [address]:
            return f"A record {zone} -> {address}: already there"
        self._send(client, "PUT", path, {"properties": {"ttl": int(step.get("ttl") or 300),
                                                        "aRecords": [{"ipv4Address": address}]}})
        was = f" (was {', '.join(found) or 'empty'})" if current is not None else ""
        return f"A record {zone} -> {address}: {'updated' + was if current is not None else 'created'}"

    def _router_address(self, step: dict) -> str:
        """The inference router's address: ``kubectl get service`` run on the cluster through ARM (AKS's run command,
        which works on a private cluster from anywhere), as the deploying identity (Entra ID and Azure RBAC: its
        token for the AKS server application goes along). Waits while the load balancer has no address yet."""
        cluster_id, cluster = str(step["clusterId"]), str(step["cluster"])
        service, namespace = str(step["service"]), str(step["namespace"])
        command = f"kubectl get service {service} -n {namespace} -o jsonpath='{{.status.loadBalancer.ingress[0].ip}}'"
        client = self.arm(cluster_id.split("/")[2])
        deadline = time.monotonic() + self.timeout
        while True:
            self.phase(f"reading the address of {service} in {cluster}")
            token = self._aks_token(cluster)
            props = (self._run_command(client, step, command, token) or {}).get("properties") or {}
            logs = str(props.get("logs") or "").strip()
            if props.get("provisioningState") not in ("Succeeded", None) or props.get("exitCode") not in (0, None):
                raise StepFailed(f"`{command}` on {cluster} failed (exit code {props.get('exitCode')}): "
                                 f"{logs[:300] or props.get('reason') or props.get('provisioningState')}")
            if logs:
                try:
                    address = ipaddress.IPv4Address(logs)
                except ValueError:
                    raise StepFailed(f"`{command}` on {cluster} printed {logs[:100]!r}, not an IPv4 address") from None
                if not address.is_private:
                    raise StepFailed(f"the router {service} of {cluster} has the public address {address}: its load "
                                     "balancer is not internal (the extension's internal load balancer settings did "
                                     "not apply); no record is published")
                return str(address)
            if time.monotonic() >= deadline:
                raise StepFailed(f"the router {service} of {cluster} had no address within {self.timeout:g} s (its "
                                 "internal load balancer is still being created): deploy again later")
            self._wait()

    def _aks_token(self, cluster: str) -> str:
        from azure.core.exceptions import ClientAuthenticationError

        try:
            return self.credential.get_token(AKS_SERVER_SCOPE).token
        except ClientAuthenticationError as exc:
            raise StepFailed(f"no token for {cluster}'s Entra ID server application (a run command runs as the "
                             f"deploying identity): {str(exc).splitlines()[0]}") from None

    def _run_command(self, client: Any, step: dict, command: str, token: str) -> Any:
        url = f"{step['clusterId']}/runCommand?api-version={step.get('apiVersion') or AKS_API}"
        deadline = time.monotonic() + self.timeout
        response = self._respond(client, "POST", url, {"command": command, "clusterToken": token})
        while response.status_code == 202:  # the command runs in a pod: follow Location until its result
            location = response.headers.get("Location")
            if not location:
                raise StepFailed(f"POST {url.split('?')[0]}: HTTP 202 without a Location to follow")
            if time.monotonic() >= deadline:
                raise StepFailed(f"`{command}` on {step['cluster']} did not finish within {self.timeout:g} s")
            self._wait()
            response = self._respond(client, "GET", location)
        if response.status_code >= 400:
            raise StepFailed(f"run command on {step['cluster']}: HTTP {response.status_code}: {_message(response)}")
        return _json(response)

    def public_cname(self, step: dict) -> str:
        zone_id, record, target = str(step["zoneId"]), str(step["record"]), str(step["target"])
        name = f"{record}.{step['zone']}"
        self.phase(f"CNAME record of {name}")
        client = self.arm(zone_id.split("/")[2])
        path = f"{zone_id}/CNAME/{quote(record)}?api-version={step.get('dnsApiVersion') or PUBLIC_DNS_API}"
        current = self._send(client, "GET", path, allow=(404,))
        found = str((((current or {}).get("properties") or {}).get("CNAMERecord") or {}).get("cname") or "")
        if current is not None and found.rstrip(".").lower() == target.lower():
            return f"CNAME {name} -> {target}: already there"
        self._send(client, "PUT", path, {"properties": {"TTL": int(step.get("ttl") or 3600),
                                                        "CNAMERecord": {"cname": target}}})
        return f"CNAME {name} -> {target}: {f'updated (was {found})' if current is not None else 'created'}"

    # -- approvals ------------------------------------------------------------------------------------------------
    def approve(self, step: dict) -> str:
        target, requester = str(step["target"]), str(step["requesterName"])
        api = str(step.get("apiVersion") or STORAGE_API)
        account = target.rsplit("/", 1)[-1]
        subscription = target.split("/")[2]
        client = self.arm(subscription)
        workspace = str(step.get("requester", ""))
        if _MACHINE_LEARNING in workspace:
            with self._holding(f"provision:{workspace}"):  # once for all the workspace's approvals of the unit
                if workspace.lower() not in self._provisioned:
                    self.phase(f"provisioning the managed network of {requester}")
                    self._provision(self.arm(workspace.split("/")[2]), workspace)
                    self._provisioned.add(workspace.lower())
        wanted = {f"{requester}.{endpoint}".lower() for endpoint in step.get("endpoints") or ()}
        self.phase(f"waiting for {requester}'s connections on {account}")
        deadline = time.monotonic() + self.timeout
        while True:
            listed = self._send(client, "GET", f"{target}/privateEndpointConnections?api-version={api}") or {}
            mine = [c for c in listed.get("value") or () if _endpoint_name(c) in wanted]
            if len(mine) >= len(wanted):
                break
            if time.monotonic() >= deadline:
                seen = sorted(_endpoint_name(c) for c in mine)
                others = sorted(_endpoint_name(c) for c in listed.get("value") or () if _endpoint_name(c) not in wanted
                                and _state(c).get("status") == "Pending")
                hint = (f"; other pending connections on {account}, not approved: {', '.join(others)}: approve by "
                        "hand those that are the requester's, and deploy again") if others else ""
                raise StepFailed(f"{requester}'s managed private endpoints did not reach {account} within "
                                 f"{self.timeout:g} s (expected {', '.join(sorted(wanted))}; found "
                                 f"{', '.join(seen) or 'none'}){hint}")
            self._wait()
        approved = 0
        for connection in mine:
            state = _state(connection)
            if state.get("status") == "Approved":
                continue
            if state.get("status") not in ("Pending", None):
                raise StepFailed(f"the connection {connection.get('name')} on {account} is {state.get('status')}: "
                                 "approve it by hand if it should be, and deploy again")
            with self._holding(target):  # one change of the target at a time (prerequisites)
                self._send(client, "PUT", f"{connection['id']}?api-version={api}", {"properties": {
                    "privateLinkServiceConnectionState": {
                        "status": "Approved", "description": f"Approved by relecloud deploy for {requester}"}}})
            approved += 1
        if approved == 0:
            return f"{requester} on {account}: {len(mine)} connection(s) already approved"
        return f"{requester} on {account}: approved {approved} pending connection(s)"

    @contextlib.contextmanager
    def _holding(self, key: str) -> Iterator[None]:
        """While inside, this step alone changes ``key`` (see ``exclusive``); waiting for it ends on cancel."""
        lock = exclusive(key)
        while not lock.acquire(timeout=0.1):
            if self.cancel.is_set():
                from relecloud_templates.deploy.scheduler import Interrupted

                raise Interrupted("stopped during the data-plane steps")
        try:
            yield
        finally:
            lock.release()

    def _provision(self, client: Any, workspace: str) -> None:
        self._send(client, "POST", f"{workspace}/provisionManagedNetwork?api-version={MACHINE_LEARNING_API}",
                   {"includeSpark": False}, allow=(202,))

    # -- requests ---------------------------------------------------------------------------------------------------
    def _respond(self, client: Any, method: str, url: str, body: dict | None = None) -> Any:
        """The response to one request (a failure status raises StepFailed, naming the request, never its body)."""
        from azure.core.rest import HttpRequest

        if self.cancel.is_set():
            from relecloud_templates.deploy.scheduler import Interrupted

            raise Interrupted("stopped during the data-plane steps")
        request = HttpRequest(method, url, json=body) if body is not None else HttpRequest(method, url)
        return client.send_request(request)

    def _send(self, client: Any, method: str, url: str, body: dict | None = None, allow: tuple = ()) -> Any:
        response = self._respond(client, method, url, body)
        if response.status_code in allow:
            return None
        if response.status_code >= 400:
            raise StepFailed(f"{method} {url.split('?')[0]}: HTTP {response.status_code}: {_message(response)}")
        return _json(response)

    def _wait(self) -> None:
        if self.cancel.wait(self.poll):
            from relecloud_templates.deploy.scheduler import Interrupted

            raise Interrupted("stopped while waiting for Azure during the data-plane steps")


def _timeout(text: str | None) -> float:
    """RELECLOUD_APPROVAL_TIMEOUT in seconds; the default when it is not set or not a positive number."""
    try:
        value = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def _is_guid(value: Any) -> bool:
    return isinstance(value, str) and GUID.match(value) is not None


class DataPlaneStep:
    """The post-deployment step (deploy/steps.py) that performs a unit's plan.json ``dataPlane`` steps."""

    name = "data-plane steps"

    def applies_to(self, unit: Any) -> bool:
        return bool(unit.data_plane)

    def run(self, context: Any) -> list[str]:
        connection = context.clients.connection
        watch, unit = getattr(connection, "watch", None), context.unit.name
        dataplane = DataPlane(context.clients.deployments, context.clients.credential, context.cancel, context.phase,
                              connection=connection, poll=connection.polling_interval,
                              timeout=_timeout(os.environ.get("RELECLOUD_APPROVAL_TIMEOUT")),
                              max_parallel=context.max_parallel,
                              bind=(lambda: watch.bind(unit)) if watch is not None else (lambda: None))
        try:
            return dataplane.run(context.unit.data_plane)
        except StepFailed as exc:
            from relecloud_templates.deploy.errors import UnitError

            raise UnitError(str(exc), exc.details, phase=self.name) from None


def _reason(error: BaseException | None) -> str:
    """The first line of why a step failed."""
    text = str(error or "").strip()
    return text.splitlines()[0] if text else type(error).__name__


def _json(response: Any) -> Any:
    try:
        return response.json() if response.content else None
    except ValueError:
        return None


def _state(connection: dict) -> dict:
    return (connection.get("properties") or {}).get("privateLinkServiceConnectionState") or {}


def _endpoint_name(connection: dict) -> str:
    endpoint = ((connection.get("properties") or {}).get("privateEndpoint") or {}).get("id") or ""
    return str(endpoint).rstrip("/").rsplit("/", 1)[-1].lower()


def _same(a: Any, b: Any) -> bool:
    return isinstance(a, str) and isinstance(b, str) and a.lower() == b.lower()


def _message(response: Any) -> str:
    try:
        error = response.json().get("error") or {}
        return f"{error.get('code', '')}: {error.get('message', '')}".strip(": ")
    except (ValueError, AttributeError):
        return response.text()[:200] if hasattr(response, "text") else ""
