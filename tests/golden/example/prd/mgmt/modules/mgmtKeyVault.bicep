@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet/services'
  scope: resourceGroup('rc-prd-mgmt-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource rcPrdMgmtPurview3xm7a 'Microsoft.Purview/accounts@2024-04-01-preview' existing = {
  name: 'rc-prd-mgmt-purview-3xm7a'
  scope: resourceGroup('rc-prd-mgmt-governance')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource rcPrdMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-mgmt-log'
  scope: resourceGroup('rc-prd-mgmt-logging')
}

resource rcPrdMgmtKvV4lra 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-prd-mgmt-kv-v4lra'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource rcPrdMgmtKvV4lraVaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-mgmt-kv-v4lra-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-mgmt-kv-v4lra-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-mgmt-kv-v4lra-vault-pe'
        properties: {
          privateLinkServiceId: rcPrdMgmtKvV4lra.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-kv-v4lra-vault-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: privatelinkVaultcoreAzureNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcPrdMgmtKvV4lraVaultPe
  ]
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcPrdMgmtKvV4lra.id, rcPrdMgmtPurview3xm7a.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcPrdMgmtKvV4lra
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcPrdMgmtPurview3xm7a.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdMgmtKvV4lra
  properties: {
    workspaceId: rcPrdMgmtLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('URI of the Key Vault.')
output vaultUri string = rcPrdMgmtKvV4lra.properties.vaultUri
