"""The services of a data landing zone's own unit: network, lakes, shared engines, access."""

from __future__ import annotations

from operator import methodcaller

from relecloud_templates.naming import WorkloadNames, ZoneNames
from relecloud_templates.services import roles
from relecloud_templates.services.common import BLOB_SERVICE, DIAGNOSTICS, PRIVATE_ENDPOINTS
from relecloud_templates.services.spec import NameUse, ServiceSpec, group_name, network_name

SPOKE_NETWORK = ServiceSpec(
    "network", "Virtual network, route to the firewall, NSGs", "landing/network.json.j2",
    context={"vnet": str, "address_space": str, "nsg": str, "databricks_nsg": str, "gateway_nsg": str,
             "route_table": str, "databricks_rules": list, "gateway_rules": list, "subnets": list},
    resources={"Microsoft.Network/networkSecurityGroups": "2025-09-01", "Microsoft.Network/routeTables": "2025-09-01",
               "Microsoft.Network/virtualNetworks": "2025-09-01"},
    names=(group_name("network"), *(network_name(w) for w in ("vnet", "nsg", "databricks-nsg", "agw-nsg", "routes"))),
)
PEERING = ServiceSpec(
    "peering", "Virtual network peering", "landing/peering.json.j2",
    context={"vnet": str, "remote": dict},
    resources={"Microsoft.Network/virtualNetworks/virtualNetworkPeerings": "2025-09-01"},
)
LAKE = ServiceSpec(
    "lake", "Data lake", "landing/lake.json.j2",
    context={"account": str, "containers": list, "endpoints": list, "hierarchical": bool, "cool_after_days": int},
    resources={"Microsoft.Storage/storageAccounts": "2026-04-01",
               "Microsoft.Storage/storageAccounts/blobServices/containers": "2026-04-01",
               "Microsoft.Storage/storageAccounts/managementPolicies": "2026-04-01"},
    includes=(BLOB_SERVICE, PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("blob", "dfs"),
    names=(group_name("storage"), group_name("externalstorage"),
           *(NameUse("storage", methodcaller("storage", p)) for p in ("raw", "encur", "work", "ext"))),
)
DATABRICKS = ServiceSpec(
    "databricks", "Databricks workspace", "landing/databricks.json.j2",
    context={"workspace": str, "managed_resource_group": str, "subnets": dict, "network": dict,
             "endpoints": list},
    resources={"Microsoft.Databricks/workspaces": "2026-01-01"},
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("databricks",),
    names=(group_name("shared-integration"), group_name("shared-product"),
           *(NameUse("databricks", methodcaller("databricks", p)) for p in ("integration", "product"))),
)
DATA_FACTORY = ServiceSpec(
    "dataFactory",
    "Data Factory (shared integration)",
    "landing/data_factory.json.j2",
    context={"factory": str, "endpoints": list, "managed_endpoints": list},
    resources={
        "Microsoft.DataFactory/factories": "2018-06-01",
        "Microsoft.DataFactory/factories/managedVirtualNetworks": "2018-06-01",
        "Microsoft.DataFactory/factories/integrationRuntimes": "2018-06-01",
        "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints": "2018-06-01",
    },
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS),
    dns_zones=("dataFactory", "dataFactoryPortal"),
    names=(
        NameUse("dataFactory", ZoneNames.data_factory),
        NameUse("dataFactory", WorkloadNames.data_factory, "workload"),
    ),
)
SYNAPSE = ServiceSpec(
    "synapse", "Synapse workspace (shared)", "landing/synapse.json.j2",
    context={"workspace": str, "managed_resource_group": str, "lake": dict, "endpoints": list},
    resources={"Microsoft.Synapse/workspaces": "2021-06-01"},
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("synapseSql", "synapseDev"),
    names=(NameUse("synapseWorkspace", ZoneNames.synapse_workspace),
           NameUse("synapseWorkspace", WorkloadNames.synapse_workspace, "workload")),
)
EVENT_HUB = ServiceSpec(
    "eventHub", "Event Hubs namespace", "landing/event_hub.json.j2",
    context={"namespace": str, "endpoints": list},
    resources={"Microsoft.EventHub/namespaces": "2026-01-01"},
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("serviceBus",),
    names=(NameUse("eventHub", ZoneNames.event_hub),),
)
PURVIEW_ACCESS = ServiceSpec(
    "purviewAccess", "Purview scanning access", "landing/purview_access.json.j2",
    context={"purview": (dict, type(None)), "roles": list},
    resources={"Microsoft.Authorization/roleAssignments": "2022-04-01"},
    roles=(roles.READER, roles.STORAGE_BLOB_DATA_READER),
)
SELF_HOSTED_RUNTIME = ServiceSpec(
    "selfHostedRuntime", "Self-hosted integration runtime (on-premises sources)", "landing/self_hosted_runtime.json.j2",
    context={"engine": str, "owner": str, "runtime": str, "users": list},
    resources={"Microsoft.DataFactory/factories/integrationRuntimes": "2018-06-01",
               "Microsoft.Synapse/workspaces/integrationRuntimes": "2021-06-01"},
)
MONITOR_SCOPE_LINK = ServiceSpec(
    "monitorScopeLink",
    "Logs through the estate's Azure Monitor Private Link Scope",
    "landing/monitor_scope_link.json.j2",
    context={"scope": str, "scoped": list},
    resources={"Microsoft.Insights/privateLinkScopes/scopedResources": "2021-09-01"},
)
