@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadCloudAccounts 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-cloud-accounts'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsCloudAccountsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-cloud-accounts-log'
}

resource rcOpeCloudAccou2fsgz 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-ope-cloud-accou-2fsgz'
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

resource rcOpeCloudAccou2fsgzVaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-ope-cloud-accou-2fsgz-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudAccounts.id
    }
    customNetworkInterfaceName: 'rc-ope-cloud-accou-2fsgz-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-ope-cloud-accou-2fsgz-vault-pe'
        properties: {
          privateLinkServiceId: rcOpeCloudAccou2fsgz.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-ope-cloud-accou-2fsgz-vault-pe/default'
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
    rcOpeCloudAccou2fsgzVaultPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcOpeCloudAccou2fsgz
  properties: {
    workspaceId: rcDevOperationsCloudAccountsLog.id
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
output vaultUri string = rcOpeCloudAccou2fsgz.properties.vaultUri
