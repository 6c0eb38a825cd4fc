@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-mgmt-vnet/services'
  scope: resourceGroup('rc-dev-mgmt-network')
}

resource privatelinkPurviewAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.purview.azure.com'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource privatelinkPurviewstudioAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.purviewstudio.azure.com'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource privatelinkQueue 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.queue.${environment().suffixes.storage}'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource rcDevMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-mgmt-log'
  scope: resourceGroup('rc-dev-mgmt-logging')
}

resource rcDevMgmtPurviewMejl6 'Microsoft.Purview/accounts@2024-04-01-preview' = {
  name: 'rc-dev-mgmt-purview-mejl6'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    ingestionStorage: {
      publicNetworkAccess: 'Disabled'
    }
    managedEventHubState: 'Disabled'
  }
}

resource rcDevMgmtPurviewMejl6AccountPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-account-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-mgmt-purview-mejl6-account-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-mgmt-purview-mejl6-account-pe'
        properties: {
          privateLinkServiceId: rcDevMgmtPurviewMejl6.id
          groupIds: [
            'account'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-account-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'purviewAccount'
        properties: {
          privateDnsZoneId: privatelinkPurviewAzureCom.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevMgmtPurviewMejl6AccountPe
  ]
}

resource rcDevMgmtPurviewMejl6PortalPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-portal-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-mgmt-purview-mejl6-portal-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-mgmt-purview-mejl6-portal-pe'
        properties: {
          privateLinkServiceId: rcDevMgmtPurviewMejl6.id
          groupIds: [
            'portal'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-portal-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'purviewPortal'
        properties: {
          privateDnsZoneId: privatelinkPurviewstudioAzureCom.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevMgmtPurviewMejl6PortalPe
  ]
}

resource rcDevMgmtPurviewMejl6IngestionBlobPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-ingestion-blob-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-mgmt-purview-mejl6-ingestion-blob-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-mgmt-purview-mejl6-ingestion-blob-pe'
        properties: {
          privateLinkServiceId: rcDevMgmtPurviewMejl6.properties.ingestionStorage.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-ingestion-blob-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'blob'
        properties: {
          privateDnsZoneId: privatelinkBlob.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevMgmtPurviewMejl6IngestionBlobPe
  ]
}

resource rcDevMgmtPurviewMejl6IngestionQueuePe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-ingestion-queue-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-mgmt-purview-mejl6-ingestion-queue-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-mgmt-purview-mejl6-ingestion-queue-pe'
        properties: {
          privateLinkServiceId: rcDevMgmtPurviewMejl6.properties.ingestionStorage.id
          groupIds: [
            'queue'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup3 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-mgmt-purview-mejl6-ingestion-queue-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'queue'
        properties: {
          privateDnsZoneId: privatelinkQueue.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevMgmtPurviewMejl6IngestionQueuePe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevMgmtPurviewMejl6
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

@description('Resource id of the Purview account.')
output purviewId string = rcDevMgmtPurviewMejl6.id
