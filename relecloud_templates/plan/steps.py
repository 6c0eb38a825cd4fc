"""Data-plane steps: what ARM cannot express, recorded on a service (``Service.data_plane``, plan.json ``dataPlane``)
for deploy to perform after the unit's deployment (deploy/dataplane.py). Each step is a dict with ``action``,
``scope``, ``role``, ``principal``, ``why`` and what its action needs. This module names the actions and says in
one line what a step does, for ``--explain``, ``deploy --what-if`` and the deploy summary alike."""

from __future__ import annotations

from typing import Any

APPROVE = "approvePrivateEndpoint"
SYNAPSE_ENDPOINT = "synapseManagedPrivateEndpoint"
SYNAPSE_ROLE = "synapseRoleAssignment"
PURVIEW_ROLE = "purviewCollectionRole"
PURVIEW_RUNTIME = "purviewManagedRuntime"
PURVIEW_ENDPOINT = "purviewManagedPrivateEndpoint"
SCORING_RECORD = "scoringRecord"  # a served model's A record, from its router's address
PUBLIC_CNAME = "publicCname"  # a public hostname's CNAME, in an Azure public DNS zone the manifest names
BY_HAND = "dnsRecord"  # a DNS record deploy cannot write: shown with its exact value


def _last(value: Any) -> str:
    return str(value or "").rsplit("/", 1)[-1]


def describe(step: dict[str, Any]) -> str:
    """What ``step`` does, in one line."""
    action = step.get("action")
    if action == APPROVE:
        return (f"approve {step.get('requesterName')}'s managed private endpoint connections on "
                f"{_last(step.get('target'))} ({', '.join(step.get('groups') or ())})")
    if action == SYNAPSE_ENDPOINT:
        return (f"create managed private endpoint {step.get('name')} in Synapse workspace {step.get('workspace')} "
                f"to {_last(step.get('target'))} ({step.get('group')})")
    if action == PURVIEW_ENDPOINT:
        return (f"create managed private endpoint {step.get('name')} in Purview account {step.get('account')} "
                f"({step.get('network')}) to {_last(step.get('target'))} ({step.get('group')})")
    if action == PURVIEW_RUNTIME:
        return (f"create managed virtual network runtime {step.get('runtime')} ({step.get('network')}, "
                f"{step.get('location')}) in Purview account {step.get('account')}")
    if action == SCORING_RECORD:
        return (f"publish A record {step.get('zone')} -> the address of service {step.get('service')} "
                f"({step.get('namespace')}) of AKS cluster {step.get('cluster')}, read by a run command")
    if action == PUBLIC_CNAME:
        return f"publish CNAME {step.get('scope')} -> {step.get('target')} in the DNS zone {step.get('zone')}"
    if action == BY_HAND and step.get("value"):
        return f"{step.get('role')} {step.get('scope')} -> {step.get('value')}"
    return f"{step.get('role')} on {step.get('scope')} for {step.get('principal')}"
