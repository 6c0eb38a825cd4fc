"""Azure Databricks' network intent policy, as Azure applies it to a VNet-injected workspace's subnets.

When a workspace is created in a customer's virtual network, Azure attaches a network intent policy to its two
subnets and writes the policy's security rules (``Microsoft.Databricks-workspaces_UseOnly_*``) into the NSG of
those subnets. From then on a PUT of that NSG must carry every one of those rules unchanged; one that leaves them
out, or changes them, is refused with ``ConflictWithNetworkIntentPolicy``, and a custom rule may not take the
priority of a policy rule in the same direction. This module models that behaviour for the emulator (install it
with ``world.policies.append(NetworkIntentPolicy())``); the rules below are Azure's side of the contract, kept
apart from the renderer's copy on purpose, so that a test compares the two.
"""

from __future__ import annotations

from typing import Any

PREFIX = "Microsoft.Databricks-workspaces_UseOnly_databricks-"
_COMPARED = ("protocol", "sourcePortRange", "destinationPortRange", "sourceAddressPrefix", "destinationAddressPrefix",
             "access", "direction")


def _rule(name: str, protocol: str, port: str, destination: str, priority: int, direction: str) -> dict:
    return {"name": PREFIX + name, "properties": {
        "protocol": protocol, "sourcePortRange": "*", "destinationPortRange": port,
        "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": destination, "access": "Allow",
        "priority": priority, "direction": direction}}


_WORKERS = (_rule("worker-to-worker-inbound", "*", "*", "VirtualNetwork", 100, "Inbound"),
            _rule("worker-to-worker-outbound", "*", "*", "VirtualNetwork", 100, "Outbound"))
_SERVICES = (_rule("worker-to-sql", "Tcp", "3306", "Sql", 101, "Outbound"),
             _rule("worker-to-storage", "Tcp", "443", "Storage", 102, "Outbound"),
             _rule("worker-to-eventhub", "Tcp", "9093", "EventHub", 103, "Outbound"))
# requiredNsgRules -> the rules the policy owns
POLICY_RULES = {
    "allrules": (*_WORKERS, _rule("worker-to-databricks-webapp", "Tcp", "443", "AzureDatabricks", 104, "Outbound"),
                 *_SERVICES),
    "noazuredatabricksrules": (*_WORKERS, *_SERVICES),
}


class NetworkIntentPolicy:
    """Hooks the emulator's World calls: ``refusal`` before a deployment's resources are written, ``applied``
    after they are committed."""

    def __init__(self) -> None:
        self.owned: dict[str, tuple[dict, ...]] = {}  # lower-case NSG id -> the policy rules it must keep

    def refusal(self, world: Any, planned: list) -> tuple[int, str, str] | None:
        """(index of the failing resource, error code, message) for the first NSG PUT the policy refuses."""
        for index, resource in enumerate(planned):
            wanted = self.owned.get(resource.id.lower())
            if wanted is None:
                continue
            declared = {r.get("name"): r.get("properties") or {} for r in _rules(resource.body)}
            for rule in wanted:
                mine = declared.get(rule["name"])
                if mine is None or any(
                    str(mine.get(k, "")).lower() != str(rule["properties"][k]).lower() for k in _COMPARED
                ):
                    return index, "ConflictWithNetworkIntentPolicy", (
                        f"Network security group {resource.name} cannot be updated: its rule {rule['name']} is "
                        "missing or changed, and the network intent policy of a Databricks workspace owns it.")
            taken = {(r["properties"]["direction"].lower(), r["properties"]["priority"]): r["name"] for r in wanted}
            for name, props in declared.items():
                clash = taken.get((str(props.get("direction", "")).lower(), props.get("priority")))
                if clash is not None and clash != name:
                    return index, "SecurityRuleConflict", (
                        f"Security rule {name} of {resource.name} has the priority and direction of {clash}, which "
                        "the network intent policy of a Databricks workspace owns.")
        return None

    def applied(self, world: Any, committed: list) -> None:
        """A committed VNet-injected workspace puts its policy on the NSGs of its subnets (and their rules in)."""
        for resource in committed:
            if resource.type.lower() != "microsoft.databricks/workspaces":
                continue
            props = resource.body.get("properties") or {}
            params = props.get("parameters") or {}
            vnet_id = str((params.get("customVirtualNetworkId") or {}).get("value", ""))
            vnet = world.resources.get(vnet_id.lower())
            if vnet is None:
                continue
            wanted = POLICY_RULES.get(str(props.get("requiredNsgRules", "AllRules")).lower(), POLICY_RULES["allrules"])
            names = {str((params.get(key) or {}).get("value", "")).lower()
                     for key in ("customPublicSubnetName", "customPrivateSubnetName")}
            for subnet in (vnet.body.get("properties") or {}).get("subnets") or []:
                nsg_id = str((((subnet.get("properties") or {}).get("networkSecurityGroup")) or {}).get("id", ""))
                if str(subnet.get("name", "")).lower() in names and nsg_id.lower() in world.resources:
                    self.owned[nsg_id.lower()] = wanted
                    _add_rules(world.resources[nsg_id.lower()].body, wanted)


def _rules(body: dict) -> list[dict]:
    rules = (body.get("properties") or {}).get("securityRules")
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []


def _add_rules(body: dict, wanted: tuple[dict, ...]) -> None:
    """Azure writes the policy's rules into the NSG (those it already has are left as they are)."""
    props = body.setdefault("properties", {})
    rules = props.setdefault("securityRules", [])
    present = {r.get("name") for r in rules if isinstance(r, dict)}
    for rule in wanted:
        if rule["name"] not in present:
            rules.append({"name": rule["name"], "properties": dict(rule["properties"])})
