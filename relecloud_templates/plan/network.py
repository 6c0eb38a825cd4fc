"""Subnets: the ones a zone needs, at the ranges the manifest gives or allocated in its address space.

The manifest writes only the subnets it wants at fixed ranges; everything else gets the next free /24 of the
zone's address space, in a fixed order, so that the same manifest always gives the same ranges. A range the
manifest reserves for a subnet that nothing needs stays reserved (never handed to another subnet).
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass, field

from relecloud_templates.manifest.model import Network

FIREWALL_SUBNET = "AzureFirewallSubnet"  # the name Azure Firewall requires
ALLOCATION_PREFIX = 24



def _databricks_rule(name: str, description: str, protocol: str, port: str, destination: str, priority: int,
                     direction: str) -> dict:
    return {"name": f"Microsoft.Databricks-workspaces_UseOnly_databricks-{name}", "properties": {
        "description": description, "protocol": protocol, "sourcePortRange": "*", "destinationPortRange": port,
        "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": destination, "access": "Allow",
        "priority": priority, "direction": direction}}


# The rules that a VNet-injected Databricks workspace's network intent policy adds to the NSG of its subnets
# (names and descriptions as Azure writes them), for requiredNsgRules "NoAzureDatabricksRules": the workspace is
# reached through its private endpoint, so the policy leaves out the rule to the AzureDatabricks service tag.
# The NSG must declare them, or a redeploy fails with ConflictWithNetworkIntentPolicy; no other rule may take
# their priorities in their direction.
DATABRICKS_INTENT_RULES: tuple[dict, ...] = (
    _databricks_rule("worker-to-worker-inbound", "Required for worker nodes communication within a cluster.",
                     "*", "*", "VirtualNetwork", 100, "Inbound"),
    _databricks_rule("worker-to-worker-outbound", "Required for worker nodes communication within a cluster.",
                     "*", "*", "VirtualNetwork", 100, "Outbound"),
    _databricks_rule("worker-to-sql", "Required for workers communication with Azure SQL services.",
                     "Tcp", "3306", "Sql", 101, "Outbound"),
    _databricks_rule("worker-to-storage", "Required for workers communication with Azure Storage services.",
                     "Tcp", "443", "Storage", 102, "Outbound"),
    _databricks_rule("worker-to-eventhub", "Required for worker communication with Azure Eventhub services.",
                     "Tcp", "9093", "EventHub", 103, "Outbound"),
)


def _inbound(name: str, description: str, protocol: str, source: str, ports: str, priority: int) -> dict:
    return {"name": name, "properties": {
        "description": description, "protocol": protocol, "sourceAddressPrefix": source, "sourcePortRange": "*",
        "destinationAddressPrefix": "*", "destinationPortRange": ports, "access": "Allow", "priority": priority,
        "direction": "Inbound"}}


# The inbound rules an Application Gateway v2 subnet's NSG must have: the gateway's infrastructure ports from the
# GatewayManager service tag (without them Azure refuses the gateway), the load balancer's health probes, and
# the public entry itself. Outbound stays the default (the gateway reaches its backends and Key Vault in the
# VNet, and its control plane on the internet: its subnet takes no route through the firewall).
GATEWAY_RULES: tuple[dict, ...] = (
    _inbound("allow-gateway-manager", "Application Gateway v2 infrastructure ports.", "Tcp", "GatewayManager",
             "65200-65535", 100),
    _inbound("allow-azure-load-balancer", "Health probes of the Azure load balancer.", "*", "AzureLoadBalancer",
             "*", 110),
    _inbound("allow-https-from-internet", "The public entry of served models: HTTPS only.", "Tcp", "Internet",
             "443", 120),
)


class AddressSpaceExhausted(ValueError):
    pass


@dataclass(frozen=True)
class SubnetSpec:
    purpose: str  # the manifest's key for it, e.g. "services", "databricks-integration-public", "<workload>"
    name: str  # the subnet's name in the VNet
    reasons: tuple[str, ...]
    nsg: str | None = "default"  # "default", "databricks", "gateway" or None (Azure Firewall's subnet takes none)
    route_table: bool = True
    delegation: str | None = None
    private_endpoints: bool = False  # hosts private endpoints (their network policies are disabled)


@dataclass(frozen=True)
class Subnet:
    spec: SubnetSpec
    cidr: str
    explicit: bool  # written in the manifest


@dataclass
class Allocation:
    subnets: list[Subnet] = field(default_factory=list)
    reserved: dict[str, str] = field(default_factory=dict)  # purpose -> CIDR written but not needed


def allocate(network: Network, specs: list[SubnetSpec]) -> Allocation:
    """Give each spec its range: the manifest's, or the next free /24 of the address space."""
    space = ipaddress.ip_network(network.address_space, strict=False)
    wanted = {spec.purpose for spec in specs}
    taken = [ipaddress.ip_network(cidr, strict=False) for cidr in network.subnets.values()]
    result = Allocation(reserved={p: c for p, c in sorted(network.subnets.items()) if p not in wanted})
    prefix = max(ALLOCATION_PREFIX, space.prefixlen)
    free = (
        candidate for candidate in space.subnets(new_prefix=prefix) if not any(candidate.overlaps(t) for t in taken)
    )
    for spec in specs:
        if spec.purpose in network.subnets:
            result.subnets.append(Subnet(spec, network.subnets[spec.purpose], explicit=True))
            continue
        candidate = next(free, None)
        if candidate is None:
            raise AddressSpaceExhausted(
                f"address space {network.address_space} has no free /{prefix} left for subnet {spec.name!r}"
            )
        result.subnets.append(Subnet(spec, str(candidate), explicit=False))
    return result


# The ranges an AKS cluster with Azure CNI overlay keeps inside itself: its services' virtual IPs and its pods'
# overlay. AKS requires that neither overlaps the cluster's VNet nor any network it is connected to (peerings
# included), and that the cluster's DNS service address lies in the service range. Its defaults (services
# 10.0.0.0/16, DNS 10.0.0.10, pods 10.244.0.0/16) collide with an estate whose hub is 10.0.0.0/16, the firewall
# and DNS proxy at 10.0.0.4 included. Candidates are tried in order, so one manifest always gives the same ranges;
# 172.17.0.0/16 is left out (Docker's default bridge).
SERVICE_RANGES = tuple(f"172.{n}.0.0/16" for n in range(16, 32) if n != 17)
POD_RANGES = tuple(f"10.{n}.0.0/16" for n in range(244, 256))


def cluster_ranges(address_spaces: list[str]) -> dict[str, str]:
    """Service range, DNS service address and pod range for an AKS cluster of an estate whose networks are
    ``address_spaces``: the first candidates that overlap none of them (nor each other)."""
    return dict(_cluster_ranges(tuple(address_spaces)))


@functools.lru_cache(maxsize=8)
def _cluster_ranges(address_spaces: tuple[str, ...]) -> dict[str, str]:
    # Every AKS cluster of an estate asks with the estate's address spaces: each candidate was compared with every
    # network again for each cluster (products x zones), 0.6 s of a profiled render at 50 zones.
    taken = [ipaddress.ip_network(cidr, strict=False) for cidr in address_spaces]
    chosen: dict[str, ipaddress.IPv4Network | ipaddress.IPv6Network] = {}
    for kind, candidates in (("service", SERVICE_RANGES), ("pod", POD_RANGES)):
        free = next((n for n in map(ipaddress.ip_network, candidates) if not any(n.overlaps(t) for t in taken)), None)
        if free is None:
            raise AddressSpaceExhausted(
                f"the estate's address spaces leave no {kind} range for AKS ({candidates[0]} to {candidates[-1]})")
        chosen[kind] = free
        taken.append(free)
    service = chosen["service"]
    return {"service_cidr": str(service), "dns_service_ip": str(service.network_address + 10),
            "pod_cidr": str(chosen["pod"])}


def firewall_private_ip(firewall_subnet_cidr: str) -> str:
    """Azure Firewall takes the first address Azure does not reserve in its subnet (the fourth after the base)."""
    subnet = ipaddress.ip_network(firewall_subnet_cidr, strict=False)
    return str(subnet.network_address + 4)
