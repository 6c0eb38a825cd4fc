@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadRecommenderRevenue 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-recommender-revenue'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsSynapseJ6gdw 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-operations-synapse-j6gdw'
  scope: resourceGroup('rc-dev-operations-shared-product')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcOpeRecommenderUfsr6 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-ope-recommender-ufsr6'
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

resource rcOpeRecommenderUfsr6VaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-ope-recommender-ufsr6-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadRecommenderRevenue.id
    }
    customNetworkInterfaceName: 'rc-ope-recommender-ufsr6-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-ope-recommender-ufsr6-vault-pe'
        properties: {
          privateLinkServiceId: rcOpeRecommenderUfsr6.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-ope-recommender-ufsr6-vault-pe/default'
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
    rcOpeRecommenderUfsr6VaultPe
  ]
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeRecommenderUfsr6.id, rcDevOperationsSynapseJ6gdw.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcOpeRecommenderUfsr6
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcDevOperationsSynapseJ6gdw.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcOpeRecommenderUfsr6
  properties: {
    workspaceId: rcDevOperationsLog.id
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
output vaultUri string = rcOpeRecommenderUfsr6.properties.vaultUri
