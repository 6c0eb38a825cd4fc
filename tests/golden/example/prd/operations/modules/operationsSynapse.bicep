@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcprdoperationsworkl4pb3 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdoperationsworkl4pb3'
  scope: resourceGroup('rc-prd-operations-storage')
}

resource rcPrdMgmtPurview3xm7a 'Microsoft.Purview/accounts@2021-12-01' existing = {
  name: 'rc-prd-mgmt-purview-3xm7a'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-governance')
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/services'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkSqlAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.sql.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource privatelinkDevAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.dev.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcPrdOperationsSynapseHsqpz 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'rc-prd-operations-synapse-hsqpz'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      resourceId: rcprdoperationsworkl4pb3.id
      accountUrl: 'https://rcprdoperationsworkl4pb3.dfs.${environment().suffixes.storage}'
      filesystem: 'synapse'
      createManagedPrivateEndpoint: true
    }
    managedVirtualNetwork: 'default'
    managedVirtualNetworkSettings: {
      preventDataExfiltration: true
      allowedAadTenantIdsForLinking: [
        subscription().tenantId
      ]
    }
    managedResourceGroupName: 'rc-prd-operations-synapse-hsqpz-managed'
    publicNetworkAccess: 'Disabled'
    trustedServiceBypassEnabled: false
    azureADOnlyAuthentication: true
    purviewConfiguration: {
      purviewResourceId: rcPrdMgmtPurview3xm7a.id
    }
  }
}

resource rcPrdOperationsSynapseHsqpzSqlPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-synapse-hsqpz-sql-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-synapse-hsqpz-sql-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-synapse-hsqpz-sql-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsSynapseHsqpz.id
          groupIds: [
            'Sql'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-synapse-hsqpz-sql-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'synapseSql'
        properties: {
          privateDnsZoneId: privatelinkSqlAzuresynapseNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcPrdOperationsSynapseHsqpzSqlPe
  ]
}

resource rcPrdOperationsSynapseHsqpzSqlondemandPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-synapse-hsqpz-sqlondemand-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-synapse-hsqpz-sqlondemand-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-synapse-hsqpz-sqlondemand-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsSynapseHsqpz.id
          groupIds: [
            'SqlOnDemand'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-synapse-hsqpz-sqlondemand-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'synapseSql'
        properties: {
          privateDnsZoneId: privatelinkSqlAzuresynapseNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcPrdOperationsSynapseHsqpzSqlondemandPe
  ]
}

resource rcPrdOperationsSynapseHsqpzDevPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-synapse-hsqpz-dev-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-synapse-hsqpz-dev-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-synapse-hsqpz-dev-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsSynapseHsqpz.id
          groupIds: [
            'Dev'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-synapse-hsqpz-dev-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'synapseDev'
        properties: {
          privateDnsZoneId: privatelinkDevAzuresynapseNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcPrdOperationsSynapseHsqpzDevPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdOperationsSynapseHsqpz
  properties: {
    workspaceId: rcPrdOperationsLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
