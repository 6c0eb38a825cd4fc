@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcdevoperationsworkmlrqg 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevoperationsworkmlrqg'
  scope: resourceGroup('rc-dev-operations-storage')
}

resource rcDevMgmtPurviewMejl6 'Microsoft.Purview/accounts@2021-12-01' existing = {
  name: 'rc-dev-mgmt-purview-mejl6'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-governance')
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/services'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkSqlAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.sql.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource privatelinkDevAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.dev.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcDevOperationsSynapseJ6gdw 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'rc-dev-operations-synapse-j6gdw'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      resourceId: rcdevoperationsworkmlrqg.id
      accountUrl: 'https://rcdevoperationsworkmlrqg.dfs.${environment().suffixes.storage}'
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
    managedResourceGroupName: 'rc-dev-operations-synapse-j6gdw-managed'
    publicNetworkAccess: 'Disabled'
    trustedServiceBypassEnabled: false
    azureADOnlyAuthentication: true
    purviewConfiguration: {
      purviewResourceId: rcDevMgmtPurviewMejl6.id
    }
  }
}

resource rcDevOperationsSynapseJ6gdwSqlPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-synapse-j6gdw-sql-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-synapse-j6gdw-sql-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-synapse-j6gdw-sql-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsSynapseJ6gdw.id
          groupIds: [
            'Sql'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-synapse-j6gdw-sql-pe/default'
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
    rcDevOperationsSynapseJ6gdwSqlPe
  ]
}

resource rcDevOperationsSynapseJ6gdwSqlondemandPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-synapse-j6gdw-sqlondemand-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-synapse-j6gdw-sqlondemand-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-synapse-j6gdw-sqlondemand-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsSynapseJ6gdw.id
          groupIds: [
            'SqlOnDemand'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-synapse-j6gdw-sqlondemand-pe/default'
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
    rcDevOperationsSynapseJ6gdwSqlondemandPe
  ]
}

resource rcDevOperationsSynapseJ6gdwDevPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-synapse-j6gdw-dev-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-synapse-j6gdw-dev-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-synapse-j6gdw-dev-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsSynapseJ6gdw.id
          groupIds: [
            'Dev'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-synapse-j6gdw-dev-pe/default'
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
    rcDevOperationsSynapseJ6gdwDevPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevOperationsSynapseJ6gdw
  properties: {
    workspaceId: rcDevOperationsLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
