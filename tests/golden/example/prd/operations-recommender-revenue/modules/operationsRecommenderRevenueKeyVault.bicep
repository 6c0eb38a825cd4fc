@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadRecommenderRevenue 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-recommender-revenue'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsSynapseHsqpz 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-prd-operations-synapse-hsqpz'
  scope: resourceGroup('rc-prd-operations-shared-product')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcOpeRecommenderCskd7 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-ope-recommender-cskd7'
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

resource rcOpeRecommenderCskd7VaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-ope-recommender-cskd7-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadRecommenderRevenue.id
    }
    customNetworkInterfaceName: 'rc-ope-recommender-cskd7-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-ope-recommender-cskd7-vault-pe'
        properties: {
          privateLinkServiceId: rcOpeRecommenderCskd7.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-ope-recommender-cskd7-vault-pe/default'
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
    rcOpeRecommenderCskd7VaultPe
  ]
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeRecommenderCskd7.id, rcPrdOperationsSynapseHsqpz.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcOpeRecommenderCskd7
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcPrdOperationsSynapseHsqpz.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcOpeRecommenderCskd7
  properties: {
    workspaceId: rcPrdOperationsLog.id
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
output vaultUri string = rcOpeRecommenderCskd7.properties.vaultUri
