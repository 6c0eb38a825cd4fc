"""The services that an integration or product deploys in its own unit (or, for its pool, into the zone's)."""

from __future__ import annotations

from relecloud_templates.naming import WorkloadNames, aks_subnet
from relecloud_templates.services import roles
from relecloud_templates.services.common import BLOB_SERVICE, DIAGNOSTICS, PRIVATE_ENDPOINTS
from relecloud_templates.services.spec import NONE, NameUse, ServiceSpec

SQL_POOL = ServiceSpec(
    "sqlPool", "Dedicated Synapse SQL pool", "batch/sql_pool.json.j2",
    context={"workspace": str, "pool": str, "sku": (str, NONE)},
    resources={"Microsoft.Synapse/workspaces/sqlPools": "2021-06-01"},
    names=(NameUse("sqlPool", WorkloadNames.sql_pool, "workload"),),
)
ML_STORAGE = ServiceSpec(
    "storage", "Machine Learning storage", "analytics/storage.json.j2",
    context={"account": str, "endpoints": list},
    resources={"Microsoft.Storage/storageAccounts": "2026-04-01"},
    includes=(BLOB_SERVICE, PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("blob", "file"),
    names=(NameUse("resourceGroup", lambda names: names.resource_group, "workload"),
           NameUse("storage", WorkloadNames.storage, "workload"),
           NameUse("container", lambda names: names.workload, "workload")),
)
MACHINE_LEARNING = ServiceSpec(
    "machineLearning", "Machine Learning workspace", "analytics/machine_learning.json.j2",
    context={"workspace": str, "storage": str, "registry": str, "vault": str, "description": str, "endpoints": list},
    resources={"Microsoft.MachineLearningServices/workspaces": "2026-05-01"},
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("machineLearningApi", "machineLearningNotebooks"),
    names=(NameUse("machineLearning", WorkloadNames.machine_learning, "workload"),),
)
AKS_IDENTITY = ServiceSpec(
    "aksIdentity", "AKS control-plane identity", "analytics/aks_identity.json.j2",
    context={"identity": str},
    resources={"Microsoft.ManagedIdentity/userAssignedIdentities": "2024-11-30"},
    names=(NameUse("identity", lambda names: names.identity("aks"), "workload"),),
)
AKS_NETWORK_ACCESS = ServiceSpec(
    "aksNetworkAccess", "AKS access to its subnet and route table", "analytics/aks_network_access.json.j2",
    context={"identity": dict, "vnet": str, "subnet": str, "route_table": str, "role": str},
    resources={"Microsoft.Authorization/roleAssignments": "2022-04-01"},
    names=(NameUse("network", lambda names: aks_subnet(names.workload), "workload"),),
    roles=(roles.NETWORK_CONTRIBUTOR,),
)
AKS = ServiceSpec(
    "aks", "AKS cluster serving the model", "analytics/aks.json.j2",
    context={"cluster": str, "identity": str, "node_resource_group": str, "subnet": (dict, NONE),
             "exposure": (str, NONE), "workspace": (str, NONE), "registry": (str, NONE), "acr_pull": str},
    resources={"Microsoft.ContainerService/managedClusters": "2026-05-01",
               "Microsoft.Authorization/roleAssignments": "2022-04-01",
               "Microsoft.MachineLearningServices/workspaces/computes": "2026-05-01"},
    includes=(DIAGNOSTICS,),
    names=(NameUse("aks", WorkloadNames.aks, "workload"),
           NameUse("resourceGroup", lambda names: f"{names.resource_group}-managed", "workload")),
    roles=(roles.ACR_PULL,),
)
