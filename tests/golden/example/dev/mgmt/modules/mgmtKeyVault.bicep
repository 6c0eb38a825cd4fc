@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-mgmt-vnet/services'
  scope: resourceGroup('rc-dev-mgmt-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource rcDevMgmtPurviewMejl6 'Microsoft.Purview/accounts@2024-04-01-preview' existing = {
  name: 'rc-dev-mgmt-purview-mejl6'
  scope: resourceGroup('rc-dev-mgmt-governance')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource rcDevMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-mgmt-log'
  scope: resourceGroup('rc-dev-mgmt-logging')
}

resource rcDevMgmtKv43ayt 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-dev-mgmt-kv-43ayt'
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

resource rcDevMgmtKv43aytVaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-mgmt-kv-43ayt-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-mgmt-kv-43ayt-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-mgmt-kv-43ayt-vault-pe'
        properties: {
          privateLinkServiceId: rcDevMgmtKv43ayt.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-mgmt-kv-43ayt-vault-pe/default'
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
    rcDevMgmtKv43aytVaultPe
  ]
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevMgmtKv43ayt.id, rcDevMgmtPurviewMejl6.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcDevMgmtKv43ayt
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcDevMgmtPurviewMejl6.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevMgmtKv43ayt
  properties: {
    workspaceId: rcDevMgmtLog.id
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
output vaultUri string = rcDevMgmtKv43ayt.properties.vaultUri
