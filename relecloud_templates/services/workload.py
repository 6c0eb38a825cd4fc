"""The services that an integration or product deploys in its own unit (or, for its pool, into the zone's)."""

from __future__ import annotations

from relecloud_templates.naming import WorkloadNames, aks_subnet, gateway_subnet
from relecloud_templates.services import roles
from relecloud_templates.services.common import BLOB_SERVICE, DIAGNOSTICS, PRIVATE_ENDPOINTS
from relecloud_templates.services.spec import NameUse, ServiceSpec

SQL_POOL = ServiceSpec(
    "sqlPool", "Dedicated Synapse SQL pool", "batch/sql_pool.json.j2",
    context={"workspace": str, "pool": str, "sku": str, "cost_tags": dict},
    resources={"Microsoft.Synapse/workspaces/sqlPools": "2021-06-01",
               "Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption": "2021-06-01"},
    includes=(DIAGNOSTICS,),
    names=(NameUse("sqlPool", WorkloadNames.sql_pool, "workload"),),
)
SPARK_POOL = ServiceSpec(
    "sparkPool", "Apache Spark pool", "batch/spark_pool.json.j2",
    context={"workspace": str, "pool": str, "node_size": str, "max_nodes": int, "auto_pause_minutes": int,
             "spark_version": str, "cost_tags": dict},
    resources={"Microsoft.Synapse/workspaces/bigDataPools": "2021-06-01"},
    includes=(DIAGNOSTICS,),
    names=(NameUse("sparkPool", WorkloadNames.spark_pool, "workload"),),
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
APP_INSIGHTS = ServiceSpec(
    "applicationInsights",
    "Application Insights of the Machine Learning workspace",
    "analytics/application_insights.json.j2",
    context={"component": str, "public_ingestion": bool},
    resources={"Microsoft.Insights/components": "2020-02-02"},
    names=(NameUse("applicationInsights", WorkloadNames.application_insights, "workload"),),
)
TRAINING_COMPUTE = ServiceSpec(
    "trainingCompute", "Machine Learning training cluster", "analytics/training_compute.json.j2",
    context={"workspace": str, "cluster": str, "vm_size": str, "max_nodes": int},
    resources={"Microsoft.MachineLearningServices/workspaces/computes": "2026-05-01"},
)
MACHINE_LEARNING = ServiceSpec(
    "machineLearning", "Machine Learning workspace", "analytics/machine_learning.json.j2",
    context={"workspace": str, "storage": str, "registry": str, "vault": str, "insights": str, "description": str,
             "endpoints": list},
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
    context={"cluster": str, "dns_prefix": str, "identity": str, "node_resource_group": str, "subnet": dict,
             "workspace": str,
             "registry": str, "acr_pull": str, "extension": str, "compute": str, "load_balancer": dict,
             "hostname": str, "admin_groups": list, "ranges": dict},
    resources={"Microsoft.ContainerService/managedClusters": "2026-05-01",
               "Microsoft.Authorization/roleAssignments": "2022-04-01",
               "Microsoft.KubernetesConfiguration/extensions": "2025-03-01",
               "Microsoft.MachineLearningServices/workspaces/computes": "2026-05-01"},
    includes=(DIAGNOSTICS,),
    names=(NameUse("aks", WorkloadNames.aks, "workload"),
           NameUse("aksDnsPrefix", WorkloadNames.aks_dns_prefix, "workload"),
           NameUse("resourceGroup", lambda names: f"{names.resource_group}-managed", "workload")),
    roles=(roles.ACR_PULL,),
)
GATEWAY = ServiceSpec(
    "gateway", "Application Gateway (WAF) publishing the model", "analytics/gateway.json.j2",
    context={"gateway": str, "public_ip": str, "dns_label": str, "public_hostname": str,
             "waf_policy": str, "identity": str, "vault": str, "certificate": str, "role": str, "subnet": dict,
             "backend_hostname": str, "capacity": dict},
    resources={"Microsoft.ManagedIdentity/userAssignedIdentities": "2024-11-30",
               "Microsoft.Authorization/roleAssignments": "2022-04-01",
               "Microsoft.KeyVault/vaults/secrets": "2026-02-01",
               "Microsoft.Network/publicIPAddresses": "2025-09-01",
               "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies": "2025-09-01",
               "Microsoft.Network/applicationGateways": "2025-09-01"},
    includes=(DIAGNOSTICS,),
    names=(NameUse("network", WorkloadNames.application_gateway, "workload"),
           NameUse("network", WorkloadNames.gateway_public_ip, "workload"),
           NameUse("network", lambda names: gateway_subnet(names.workload), "workload"),
           NameUse("wafPolicy", WorkloadNames.waf_policy, "workload"),
           NameUse("dnsLabel", WorkloadNames.dns_label, "workload"),
           NameUse("identity", lambda names: names.identity("gateway"), "workload")),
    roles=(roles.KEY_VAULT_SECRETS_USER,),
)
