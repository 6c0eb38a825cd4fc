@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdMgmtPurview3xm7a 'Microsoft.Purview/accounts@2021-12-01' existing = {
  name: 'rc-prd-mgmt-purview-3xm7a'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-governance')
}

resource rcprdoperationsrawiro6s 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdoperationsrawiro6s'
  scope: resourceGroup('rc-prd-operations-storage')
}

resource rcprdopeencurl4alr 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdopeencurl4alr'
  scope: resourceGroup('rc-prd-operations-storage')
}

resource rcOpeCloudAccouFofc5 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-accou-fofc5'
}

resource workloadCloudAccounts 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-cloud-accounts'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkDatafactoryAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.datafactory.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource privatelinkAdfAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.adf.azure.com'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsCloudAccountsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-cloud-accounts-log'
}

resource rcPrdOperationsCloudAccountsAdfIv5ge 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    purviewConfiguration: {
      purviewResourceId: rcPrdMgmtPurview3xm7a.id
    }
  }
}

resource default 'Microsoft.DataFactory/factories/managedVirtualNetworks@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge/default'
  properties: {}
  dependsOn: [
    rcPrdOperationsCloudAccountsAdfIv5ge
  ]
}

resource autoResolveIntegrationRuntime 'Microsoft.DataFactory/factories/integrationRuntimes@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge/AutoResolveIntegrationRuntime'
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

resource rcprdoperationsrawiro6sDfs 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge/default/rcprdoperationsrawiro6s-dfs'
  properties: {
    privateLinkResourceId: rcprdoperationsrawiro6s.id
    groupId: 'dfs'
  }
  dependsOn: [
    default
  ]
}

resource rcprdopeencurl4alrDfs 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge/default/rcprdopeencurl4alr-dfs'
  properties: {
    privateLinkResourceId: rcprdopeencurl4alr.id
    groupId: 'dfs'
  }
  dependsOn: [
    default
  ]
}

resource keyVault 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge/default/key-vault'
  properties: {
    privateLinkResourceId: rcOpeCloudAccouFofc5.id
    groupId: 'vault'
  }
  dependsOn: [
    default
  ]
}

resource purviewAccount 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints@2018-06-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge/default/purview-account'
  properties: {
    privateLinkResourceId: rcPrdMgmtPurview3xm7a.id
    groupId: 'account'
  }
  dependsOn: [
    default
  ]
}

resource rcPrdOperationsCloudAccountsAdfIv5geDatafactoryPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge-datafactory-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudAccounts.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-cloud-accounts-adf-iv5ge-datafactory-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-cloud-accounts-adf-iv5ge-datafactory-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsCloudAccountsAdfIv5ge.id
          groupIds: [
            'dataFactory'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge-datafactory-pe/default'
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
    rcPrdOperationsCloudAccountsAdfIv5geDatafactoryPe
  ]
}

resource rcPrdOperationsCloudAccountsAdfIv5gePortalPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge-portal-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudAccounts.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-cloud-accounts-adf-iv5ge-portal-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-cloud-accounts-adf-iv5ge-portal-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsCloudAccountsAdfIv5ge.id
          groupIds: [
            'portal'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge-portal-pe/default'
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
    rcPrdOperationsCloudAccountsAdfIv5gePortalPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdOperationsCloudAccountsAdfIv5ge
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
