@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet/services'
  scope: resourceGroup('rc-prd-mgmt-network')
}

resource privatelinkPurviewAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.purview.azure.com'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkPurviewstudioAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.purviewstudio.azure.com'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkQueue 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.queue.${environment().suffixes.storage}'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource rcPrdMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-mgmt-log'
  scope: resourceGroup('rc-prd-mgmt-logging')
}

resource rcPrdMgmtPurview3xm7a 'Microsoft.Purview/accounts@2024-04-01-preview' = {
  name: 'rc-prd-mgmt-purview-3xm7a'
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

resource rcPrdMgmtPurview3xm7aAccountPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-account-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-mgmt-purview-3xm7a-account-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-mgmt-purview-3xm7a-account-pe'
        properties: {
          privateLinkServiceId: rcPrdMgmtPurview3xm7a.id
          groupIds: [
            'account'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-account-pe/default'
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
    rcPrdMgmtPurview3xm7aAccountPe
  ]
}

resource rcPrdMgmtPurview3xm7aPortalPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-portal-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-mgmt-purview-3xm7a-portal-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-mgmt-purview-3xm7a-portal-pe'
        properties: {
          privateLinkServiceId: rcPrdMgmtPurview3xm7a.id
          groupIds: [
            'portal'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-portal-pe/default'
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
    rcPrdMgmtPurview3xm7aPortalPe
  ]
}

resource rcPrdMgmtPurview3xm7aIngestionBlobPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-ingestion-blob-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-mgmt-purview-3xm7a-ingestion-blob-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-mgmt-purview-3xm7a-ingestion-blob-pe'
        properties: {
          privateLinkServiceId: rcPrdMgmtPurview3xm7a.properties.ingestionStorage.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-ingestion-blob-pe/default'
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
    rcPrdMgmtPurview3xm7aIngestionBlobPe
  ]
}

resource rcPrdMgmtPurview3xm7aIngestionQueuePe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-ingestion-queue-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-mgmt-purview-3xm7a-ingestion-queue-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-mgmt-purview-3xm7a-ingestion-queue-pe'
        properties: {
          privateLinkServiceId: rcPrdMgmtPurview3xm7a.properties.ingestionStorage.id
          groupIds: [
            'queue'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup3 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-purview-3xm7a-ingestion-queue-pe/default'
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
    rcPrdMgmtPurview3xm7aIngestionQueuePe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdMgmtPurview3xm7a
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

@description('Resource id of the Purview account.')
output purviewId string = rcPrdMgmtPurview3xm7a.id
