"""The services of the data management zone."""

from __future__ import annotations

from relecloud_templates.naming import ZoneNames
from relecloud_templates.services.common import DIAGNOSTICS, PRIVATE_ENDPOINTS
from relecloud_templates.services.spec import NameUse, ServiceSpec, group_name, network_name

HUB_NETWORK = ServiceSpec(
    "network", "Virtual network, Azure Firewall (DNS proxy), route table", "management/network.json.j2",
    context={"vnet": str, "address_space": str, "nsg": str, "route_table": str, "firewall": str, "public_ip": str,
             "policy": str, "tier": str, "firewall_ip": str, "collections": list, "subnets": list},
    resources={"Microsoft.Network/networkSecurityGroups": "2025-09-01", "Microsoft.Network/routeTables": "2025-09-01",
               "Microsoft.Network/virtualNetworks": "2025-09-01", "Microsoft.Network/publicIPAddresses": "2025-09-01",
               "Microsoft.Network/firewallPolicies": "2025-09-01",
               "Microsoft.Network/firewallPolicies/ruleCollectionGroups": "2025-09-01",
               "Microsoft.Network/azureFirewalls": "2025-09-01"},
    includes=(DIAGNOSTICS,),
    names=(group_name("network"), *(network_name(w) for w in ("vnet", "nsg", "routes", "firewall", "firewall-pip",
                                                      "firewall-policy"))),
)
PURVIEW = ServiceSpec(
    "purview", "Microsoft Purview", "management/purview.json.j2",
    context={"account": str, "endpoints": list},
    # A preview: accounts created since December 2023 have an ingestion storage account instead of managed
    # storage and Event Hubs; only the preview versions describe it (ingestionStorage).
    resources={"Microsoft.Purview/accounts": "2024-04-01-preview"},
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("purviewAccount", "purviewPortal", "blob", "queue"),
    names=(group_name("governance"), NameUse("purview", ZoneNames.purview)),
)
SYNAPSE_HUB = ServiceSpec(
    "synapsePrivateLinkHub", "Synapse private link hub", "management/synapse_hub.json.j2",
    context={"hub": str, "endpoints": list},
    resources={"Microsoft.Synapse/privateLinkHubs": "2021-06-01"},
    includes=(PRIVATE_ENDPOINTS,), dns_zones=("synapseWeb",),
    names=(group_name("consumption"), NameUse("synapseHub", ZoneNames.synapse_hub)),
)
MONITOR_SCOPE = ServiceSpec(
    "monitorPrivateLinkScope", "Azure Monitor Private Link Scope", "management/monitor_scope.json.j2",
    context={"scope": str, "scoped": list, "endpoints": list},
    resources={"Microsoft.Insights/privateLinkScopes": "2021-09-01",
               "Microsoft.Insights/privateLinkScopes/scopedResources": "2021-09-01"},
    includes=(PRIVATE_ENDPOINTS,), dns_zones=("monitor", "monitorOms", "monitorOds", "monitorAgents", "blob"),
    names=(network_name("ampls"),),
)
PRIVATE_DNS_ZONES = ServiceSpec(
    "privateDnsZones", "Private DNS zones", "management/private_dns_zones.json.j2",
    context={"zones": list, "vnet": str, "network": dict},
    resources={"Microsoft.Network/privateDnsZones": "2024-06-01",
               "Microsoft.Network/privateDnsZones/virtualNetworkLinks": "2024-06-01"},
    names=(group_name("dns"),),
)

