@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadRevenueByService 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-billing-vnet/workload-revenue-by-service'
  scope: resourceGroup('rc-dev-billing-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevBillingSynapseNj66e 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-billing-synapse-nj66e'
  scope: resourceGroup('rc-dev-billing-shared-product')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource rcDevBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-billing-log'
  scope: resourceGroup('rc-dev-billing-logging')
}

resource rcBilRevenueByE3iad 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-bil-revenue-by-e3iad'
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

resource rcBilRevenueByE3iadVaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-bil-revenue-by-e3iad-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadRevenueByService.id
    }
    customNetworkInterfaceName: 'rc-bil-revenue-by-e3iad-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-bil-revenue-by-e3iad-vault-pe'
        properties: {
          privateLinkServiceId: rcBilRevenueByE3iad.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-bil-revenue-by-e3iad-vault-pe/default'
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
    rcBilRevenueByE3iadVaultPe
  ]
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcBilRevenueByE3iad.id, rcDevBillingSynapseNj66e.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcBilRevenueByE3iad
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcBilRevenueByE3iad
  properties: {
    workspaceId: rcDevBillingLog.id
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
output vaultUri string = rcBilRevenueByE3iad.properties.vaultUri
