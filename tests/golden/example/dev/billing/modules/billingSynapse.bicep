@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcdevbillingworkibsjl 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevbillingworkibsjl'
  scope: resourceGroup('rc-dev-billing-storage')
}

resource rcDevMgmtPurviewMejl6 'Microsoft.Purview/accounts@2021-12-01' existing = {
  name: 'rc-dev-mgmt-purview-mejl6'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-governance')
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-billing-vnet/services'
  scope: resourceGroup('rc-dev-billing-network')
}

resource privatelinkSqlAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.sql.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource privatelinkDevAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.dev.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-billing-log'
  scope: resourceGroup('rc-dev-billing-logging')
}

resource rcDevBillingSynapseNj66e 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'rc-dev-billing-synapse-nj66e'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      resourceId: rcdevbillingworkibsjl.id
      accountUrl: 'https://rcdevbillingworkibsjl.dfs.${environment().suffixes.storage}'
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
    managedResourceGroupName: 'rc-dev-billing-synapse-nj66e-managed'
    publicNetworkAccess: 'Disabled'
    trustedServiceBypassEnabled: false
    azureADOnlyAuthentication: true
    purviewConfiguration: {
      purviewResourceId: rcDevMgmtPurviewMejl6.id
    }
  }
}

resource rcDevBillingSynapseNj66eSqlPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-billing-synapse-nj66e-sql-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-billing-synapse-nj66e-sql-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-billing-synapse-nj66e-sql-pe'
        properties: {
          privateLinkServiceId: rcDevBillingSynapseNj66e.id
          groupIds: [
            'Sql'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-billing-synapse-nj66e-sql-pe/default'
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
    rcDevBillingSynapseNj66eSqlPe
  ]
}

resource rcDevBillingSynapseNj66eSqlondemandPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-billing-synapse-nj66e-sqlondemand-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-billing-synapse-nj66e-sqlondemand-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-billing-synapse-nj66e-sqlondemand-pe'
        properties: {
          privateLinkServiceId: rcDevBillingSynapseNj66e.id
          groupIds: [
            'SqlOnDemand'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-billing-synapse-nj66e-sqlondemand-pe/default'
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
    rcDevBillingSynapseNj66eSqlondemandPe
  ]
}

resource rcDevBillingSynapseNj66eDevPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-billing-synapse-nj66e-dev-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-billing-synapse-nj66e-dev-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-billing-synapse-nj66e-dev-pe'
        properties: {
          privateLinkServiceId: rcDevBillingSynapseNj66e.id
          groupIds: [
            'Dev'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-billing-synapse-nj66e-dev-pe/default'
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
    rcDevBillingSynapseNj66eDevPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevBillingSynapseNj66e
  properties: {
    workspaceId: rcDevBillingLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
