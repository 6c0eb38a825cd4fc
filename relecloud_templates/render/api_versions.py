"""The API version relecloud renders for each resource type: one place, checked by a test against the ARM schemas.

Each is the newest non-preview version of the type. Where the provider schema shipped in ../shared/schemas/arm
has the type, its version is that schema's, so that the resource's properties can be validated. Four types
have no shipped property schema at any version (resource groups, deployments, role assignments, diagnostic
settings); they take their newest non-preview version, except diagnostic settings, whose newest version is a
preview (the only one that knows category groups).
"""

from __future__ import annotations

API_VERSIONS: dict[str, str] = {
    "Microsoft.Resources/resourceGroups": "2025-04-01",
    "Microsoft.Resources/deployments": "2025-04-01",
    "Microsoft.Authorization/roleAssignments": "2022-04-01",
    "Microsoft.Authorization/policyAssignments": "2026-06-01",
    "Microsoft.Insights/diagnosticSettings": "2021-05-01-preview",
    "Microsoft.Network/virtualNetworks": "2025-07-01",
    "Microsoft.Network/virtualNetworks/virtualNetworkPeerings": "2025-07-01",
    "Microsoft.Network/networkSecurityGroups": "2025-07-01",
    "Microsoft.Network/routeTables": "2025-07-01",
    "Microsoft.Network/publicIPAddresses": "2025-07-01",
    "Microsoft.Network/firewallPolicies": "2025-07-01",
    "Microsoft.Network/firewallPolicies/ruleCollectionGroups": "2025-07-01",
    "Microsoft.Network/azureFirewalls": "2025-07-01",
    "Microsoft.Network/privateEndpoints": "2025-07-01",
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": "2025-07-01",
    "Microsoft.Network/privateDnsZones": "2024-06-01",
    "Microsoft.Network/privateDnsZones/virtualNetworkLinks": "2024-06-01",
    "Microsoft.OperationalInsights/workspaces": "2025-07-01",
    "Microsoft.Purview/accounts": "2021-12-01",
    "Microsoft.KeyVault/vaults": "2026-02-01",
    "Microsoft.ContainerRegistry/registries": "2025-11-01",
    "Microsoft.Synapse/privateLinkHubs": "2021-06-01",
    "Microsoft.Synapse/workspaces": "2021-06-01",
    "Microsoft.Synapse/workspaces/sqlPools": "2021-06-01",
    "Microsoft.Synapse/workspaces/azureADOnlyAuthentications": "2021-06-01",
    "Microsoft.Synapse/workspaces/managedIdentitySqlControlSettings": "2021-06-01",
    "Microsoft.Storage/storageAccounts": "2026-04-01",
    "Microsoft.Storage/storageAccounts/blobServices": "2026-04-01",
    "Microsoft.Storage/storageAccounts/blobServices/containers": "2026-04-01",
    "Microsoft.Databricks/workspaces": "2026-01-01",
    "Microsoft.DataFactory/factories": "2018-06-01",
    "Microsoft.DataFactory/factories/managedVirtualNetworks": "2018-06-01",
    "Microsoft.DataFactory/factories/integrationRuntimes": "2018-06-01",
    "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints": "2018-06-01",
    "Microsoft.EventHub/namespaces": "2026-01-01",
    "Microsoft.MachineLearningServices/workspaces": "2026-05-01",
    "Microsoft.MachineLearningServices/workspaces/computes": "2026-05-01",
    "Microsoft.ContainerService/managedClusters": "2026-05-01",
    "Microsoft.ManagedIdentity/userAssignedIdentities": "2024-11-30",
}


def api_version(resource_type: str) -> str:
    try:
        return API_VERSIONS[resource_type]
    except KeyError:
        raise KeyError(f"no API version recorded for resource type {resource_type!r} (render/api_versions.py)") from None
