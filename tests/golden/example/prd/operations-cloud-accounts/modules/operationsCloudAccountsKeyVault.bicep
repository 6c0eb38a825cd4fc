@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadCloudAccounts 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-cloud-accounts'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.vaultcore.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsCloudAccountsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-cloud-accounts-log'
}

resource rcOpeCloudAccouFofc5 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'rc-ope-cloud-accou-fofc5'
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

resource rcOpeCloudAccouFofc5VaultPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-ope-cloud-accou-fofc5-vault-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudAccounts.id
    }
    customNetworkInterfaceName: 'rc-ope-cloud-accou-fofc5-vault-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-ope-cloud-accou-fofc5-vault-pe'
        properties: {
          privateLinkServiceId: rcOpeCloudAccouFofc5.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-ope-cloud-accou-fofc5-vault-pe/default'
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
    rcOpeCloudAccouFofc5VaultPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcOpeCloudAccouFofc5
  properties: {
    workspaceId: rcPrdOperationsCloudAccountsLog.id
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
output vaultUri string = rcOpeCloudAccouFofc5.properties.vaultUri
