@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-mgmt-vnet/services'
  scope: resourceGroup('rc-dev-mgmt-network')
}

resource privatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azurecr.io'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource rcDevMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-mgmt-log'
  scope: resourceGroup('rc-dev-mgmt-logging')
}

resource rcdevmgmtacrrkrza 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'rcdevmgmtacrrkrza'
  location: location
  tags: tags
  sku: {
    name: 'Premium'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'AzureServices'
    networkRuleSet: {
      defaultAction: 'Deny'
    }
    dataEndpointEnabled: false
    zoneRedundancy: 'Disabled'
    policies: {
      quarantinePolicy: {
        status: 'enabled'
      }
      retentionPolicy: {
        status: 'enabled'
        days: 7
      }
      exportPolicy: {
        status: 'disabled'
      }
    }
  }
}

resource rcdevmgmtacrrkrzaRegistryPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevmgmtacrrkrza-registry-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcdevmgmtacrrkrza-registry-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevmgmtacrrkrza-registry-pe'
        properties: {
          privateLinkServiceId: rcdevmgmtacrrkrza.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevmgmtacrrkrza-registry-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'registry'
        properties: {
          privateDnsZoneId: privatelinkAzurecrIo.id
        }
      }
    ]
  }
  dependsOn: [
    rcdevmgmtacrrkrzaRegistryPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcdevmgmtacrrkrza
  properties: {
    workspaceId: rcDevMgmtLog.id
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
