@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcprdbillingworkj7dyo 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdbillingworkj7dyo'
  scope: resourceGroup('rc-prd-billing-storage')
}

resource rcPrdMgmtPurview3xm7a 'Microsoft.Purview/accounts@2021-12-01' existing = {
  name: 'rc-prd-mgmt-purview-3xm7a'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-governance')
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-billing-vnet/services'
  scope: resourceGroup('rc-prd-billing-network')
}

resource privatelinkSqlAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.sql.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource privatelinkDevAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.dev.azuresynapse.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-billing-log'
  scope: resourceGroup('rc-prd-billing-logging')
}

resource rcPrdBillingSynapse5jvvb 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'rc-prd-billing-synapse-5jvvb'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      resourceId: rcprdbillingworkj7dyo.id
      accountUrl: 'https://rcprdbillingworkj7dyo.dfs.${environment().suffixes.storage}'
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
    managedResourceGroupName: 'rc-prd-billing-synapse-5jvvb-managed'
    publicNetworkAccess: 'Disabled'
    trustedServiceBypassEnabled: false
    azureADOnlyAuthentication: true
    purviewConfiguration: {
      purviewResourceId: rcPrdMgmtPurview3xm7a.id
    }
  }
}

resource rcPrdBillingSynapse5jvvbSqlPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-billing-synapse-5jvvb-sql-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-billing-synapse-5jvvb-sql-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-billing-synapse-5jvvb-sql-pe'
        properties: {
          privateLinkServiceId: rcPrdBillingSynapse5jvvb.id
          groupIds: [
            'Sql'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-billing-synapse-5jvvb-sql-pe/default'
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
    rcPrdBillingSynapse5jvvbSqlPe
  ]
}

resource rcPrdBillingSynapse5jvvbSqlondemandPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-billing-synapse-5jvvb-sqlondemand-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-billing-synapse-5jvvb-sqlondemand-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-billing-synapse-5jvvb-sqlondemand-pe'
        properties: {
          privateLinkServiceId: rcPrdBillingSynapse5jvvb.id
          groupIds: [
            'SqlOnDemand'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-billing-synapse-5jvvb-sqlondemand-pe/default'
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
    rcPrdBillingSynapse5jvvbSqlondemandPe
  ]
}

resource rcPrdBillingSynapse5jvvbDevPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-billing-synapse-5jvvb-dev-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-billing-synapse-5jvvb-dev-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-billing-synapse-5jvvb-dev-pe'
        properties: {
          privateLinkServiceId: rcPrdBillingSynapse5jvvb.id
          groupIds: [
            'Dev'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-billing-synapse-5jvvb-dev-pe/default'
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
    rcPrdBillingSynapse5jvvbDevPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdBillingSynapse5jvvb
  properties: {
    workspaceId: rcPrdBillingLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
