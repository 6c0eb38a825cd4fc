@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevMgmtPurviewMejl6 'Microsoft.Purview/accounts@2021-12-01' existing = {
  name: 'rc-dev-mgmt-purview-mejl6'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-governance')
}

resource rcdevoperationsrawoz6qy 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevoperationsrawoz6qy'
  scope: resourceGroup('rc-dev-operations-storage')
}

resource rcdevopeencurrezon 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevopeencurrezon'
  scope: resourceGroup('rc-dev-operations-storage')
}

resource rcOpeCloudAccou2fsgz 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-accou-2fsgz'
}

resource workloadCloudAccounts 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-cloud-accounts'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkDatafactoryAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.datafactory.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource privatelinkAdfAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.adf.azure.com'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsCloudAccountsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-cloud-accounts-log'
}

resource rcDevOperationsCloudAccountsAdfMk7w5 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    purviewConfiguration: {
      purviewResourceId: rcDevMgmtPurviewMejl6.id
    }
  }
}

resource default 'Microsoft.DataFactory/factories/managedVirtualNetworks@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5/default'
  properties: {}
  dependsOn: [
    rcDevOperationsCloudAccountsAdfMk7w5
  ]
}

resource autoResolveIntegrationRuntime 'Microsoft.DataFactory/factories/integrationRuntimes@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5/AutoResolveIntegrationRuntime'
  properties: {
    type: 'Managed'
    managedVirtualNetwork: {
      type: 'ManagedVirtualNetworkReference'
      referenceName: 'default'
    }
    typeProperties: {
      computeProperties: {
        location: 'AutoResolve'
      }
    }
  }
  dependsOn: [
    default
  ]
}

resource rcdevoperationsrawoz6qyDfs 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5/default/rcdevoperationsrawoz6qy-dfs'
  properties: {
    privateLinkResourceId: rcdevoperationsrawoz6qy.id
    groupId: 'dfs'
  }
  dependsOn: [
    default
  ]
}

resource rcdevopeencurrezonDfs 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5/default/rcdevopeencurrezon-dfs'
  properties: {
    privateLinkResourceId: rcdevopeencurrezon.id
    groupId: 'dfs'
  }
  dependsOn: [
    default
  ]
}

resource keyVault 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5/default/key-vault'
  properties: {
    privateLinkResourceId: rcOpeCloudAccou2fsgz.id
    groupId: 'vault'
  }
  dependsOn: [
    default
  ]
}

resource purviewAccount 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5/default/purview-account'
  properties: {
    privateLinkResourceId: rcDevMgmtPurviewMejl6.id
    groupId: 'account'
  }
  dependsOn: [
    default
  ]
}

resource rcDevOperationsCloudAccountsAdfMk7w5DatafactoryPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5-datafactory-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudAccounts.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-cloud-accounts-adf-mk7w5-datafactory-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-cloud-accounts-adf-mk7w5-datafactory-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsCloudAccountsAdfMk7w5.id
          groupIds: [
            'dataFactory'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5-datafactory-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'dataFactory'
        properties: {
          privateDnsZoneId: privatelinkDatafactoryAzureNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevOperationsCloudAccountsAdfMk7w5DatafactoryPe
  ]
}

resource rcDevOperationsCloudAccountsAdfMk7w5PortalPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5-portal-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudAccounts.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-cloud-accounts-adf-mk7w5-portal-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-cloud-accounts-adf-mk7w5-portal-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsCloudAccountsAdfMk7w5.id
          groupIds: [
            'portal'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5-portal-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'dataFactoryPortal'
        properties: {
          privateDnsZoneId: privatelinkAdfAzureCom.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevOperationsCloudAccountsAdfMk7w5PortalPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevOperationsCloudAccountsAdfMk7w5
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
