"""The shared includes every module may use, and the services several unit kinds deploy (Key Vault, registry,
policy)."""

from __future__ import annotations

from relecloud_templates.naming import WorkloadNames, ZoneNames
from relecloud_templates.services import roles
from relecloud_templates.services.spec import NameUse, Partial, ServiceSpec, group_name

PRIVATE_ENDPOINTS = Partial("common/_private_endpoints.json.j2", {
    "Microsoft.Network/privateEndpoints": "2025-09-01",
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": "2025-09-01",
})
DIAGNOSTICS = Partial("common/_diagnostics.json.j2", {"Microsoft.Insights/diagnosticSettings": "2021-05-01-preview"})
ROLE_ASSIGNMENT = Partial("common/_role_assignment.json.j2", {"Microsoft.Authorization/roleAssignments": "2022-04-01"})
BLOB_SERVICE = Partial("common/_blob_service.json.j2", {"Microsoft.Storage/storageAccounts/blobServices": "2026-04-01"})

KEY_VAULT = ServiceSpec(
    "keyVault", "Key Vault", "common/key_vault.json.j2",
    context={"vault": str, "grants": list, "endpoints": list},
    resources={"Microsoft.KeyVault/vaults": "2026-02-01"},
    includes=(PRIVATE_ENDPOINTS, ROLE_ASSIGNMENT, DIAGNOSTICS), dns_zones=("vault",),
    names=(NameUse("keyVault", ZoneNames.key_vault), NameUse("keyVault", WorkloadNames.key_vault, "workload")),
    roles=(roles.KEY_VAULT_SECRETS_USER,),
)
CONTAINER_REGISTRY = ServiceSpec(
    "containerRegistry", "Container registry", "common/container_registry.json.j2",
    context={"registry": str, "endpoints": list},
    resources={"Microsoft.ContainerRegistry/registries": "2025-11-01"},
    includes=(PRIVATE_ENDPOINTS, DIAGNOSTICS), dns_zones=("registry",),
    names=(NameUse("containerRegistry", ZoneNames.container_registry),
           NameUse("containerRegistry", WorkloadNames.container_registry, "workload")),
)
LOG_ANALYTICS = ServiceSpec(
    "logAnalytics", "Log Analytics workspace", "common/log_analytics.json.j2",
    context={"workspace": str, "retention_days": int, "public_ingestion": bool},
    resources={"Microsoft.OperationalInsights/workspaces": "2026-03-01"},
    names=(group_name("logging"), NameUse("logAnalytics", ZoneNames.log_analytics),
           NameUse("logAnalytics", WorkloadNames.log_analytics, "workload")),
)
ACCESS = ServiceSpec(
    "access", "Roles of managed identities and Entra groups on resources", "common/access.json.j2",
    context={"grants": list},
    resources={"Microsoft.Authorization/roleAssignments": "2022-04-01"},
    roles=(roles.STORAGE_BLOB_DATA_CONTRIBUTOR, roles.KEY_VAULT_SECRETS_USER, roles.KEY_VAULT_ADMINISTRATOR,
           roles.CONTRIBUTOR, roles.READER, roles.DATA_FACTORY_CONTRIBUTOR),
)
POLICY = ServiceSpec(
    "policy", "Data-platform policy assignments", "common/policy.json.j2",
    context={"zone": str, "locations": list},
    resources={"Microsoft.Authorization/policyAssignments": "2026-07-01"},
)


