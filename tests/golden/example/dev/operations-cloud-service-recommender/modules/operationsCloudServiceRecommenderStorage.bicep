@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadCloudServiceRecommender 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-cloud-service-recommender'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource privatelinkFile 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.file.${environment().suffixes.storage}'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcopecloudservicereno5u3 'Microsoft.Storage/storageAccounts@2026-04-01' = {
  name: 'rcopecloudservicereno5u3'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource default 'Microsoft.Storage/storageAccounts/blobServices@2026-04-01' = {
  name: 'rcopecloudservicereno5u3/default'
  properties: {
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
  dependsOn: [
    rcopecloudservicereno5u3
  ]
}

resource rcopecloudservicereno5u3BlobPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcopecloudservicereno5u3-blob-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rcopecloudservicereno5u3-blob-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcopecloudservicereno5u3-blob-pe'
        properties: {
          privateLinkServiceId: rcopecloudservicereno5u3.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcopecloudservicereno5u3-blob-pe/default'
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
    rcopecloudservicereno5u3BlobPe
  ]
}

resource rcopecloudservicereno5u3FilePe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcopecloudservicereno5u3-file-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rcopecloudservicereno5u3-file-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcopecloudservicereno5u3-file-pe'
        properties: {
          privateLinkServiceId: rcopecloudservicereno5u3.id
          groupIds: [
            'file'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcopecloudservicereno5u3-file-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'file'
        properties: {
          privateDnsZoneId: privatelinkFile.id
        }
      }
    ]
  }
  dependsOn: [
    rcopecloudservicereno5u3FilePe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: default
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
