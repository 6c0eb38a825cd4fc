@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadRevenueByService 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-billing-vnet/workload-revenue-by-service'
  scope: resourceGroup('rc-prd-billing-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdBillingSynapse5jvvb 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-prd-billing-synapse-5jvvb'
  scope: resourceGroup('rc-prd-billing-shared-product')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource rcPrdBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-billing-log'
  scope: resourceGroup('rc-prd-billing-logging')
}

resource rcBilRevenueByMc2y6 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-bil-revenue-by-mc2y6'
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

resource rcBilRevenueByMc2y6VaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-bil-revenue-by-mc2y6-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadRevenueByService.id
    }
    customNetworkInterfaceName: 'rc-bil-revenue-by-mc2y6-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-bil-revenue-by-mc2y6-vault-pe'
        properties: {
          privateLinkServiceId: rcBilRevenueByMc2y6.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-bil-revenue-by-mc2y6-vault-pe/default'
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
    rcBilRevenueByMc2y6VaultPe
  ]
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcBilRevenueByMc2y6.id, rcPrdBillingSynapse5jvvb.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcBilRevenueByMc2y6
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcPrdBillingSynapse5jvvb.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcBilRevenueByMc2y6
  properties: {
    workspaceId: rcPrdBillingLog.id
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
output vaultUri string = rcBilRevenueByMc2y6.properties.vaultUri
