@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet/services'
  scope: resourceGroup('rc-prd-mgmt-network')
}

resource privatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azurecr.io'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource rcPrdMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-mgmt-log'
  scope: resourceGroup('rc-prd-mgmt-logging')
}

resource rcprdmgmtacr5juuh 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'rcprdmgmtacr5juuh'
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

resource rcprdmgmtacr5juuhRegistryPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcprdmgmtacr5juuh-registry-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcprdmgmtacr5juuh-registry-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcprdmgmtacr5juuh-registry-pe'
        properties: {
          privateLinkServiceId: rcprdmgmtacr5juuh.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcprdmgmtacr5juuh-registry-pe/default'
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
    rcprdmgmtacr5juuhRegistryPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcprdmgmtacr5juuh
  properties: {
    workspaceId: rcPrdMgmtLog.id
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
