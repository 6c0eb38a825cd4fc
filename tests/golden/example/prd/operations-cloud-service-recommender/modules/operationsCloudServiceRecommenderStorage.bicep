@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource workloadCloudServiceRecommender 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-cloud-service-recommender'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource privatelinkFile 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.file.${environment().suffixes.storage}'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcopecloudservicerezt4ez 'Microsoft.Storage/storageAccounts@2026-04-01' = {
  name: 'rcopecloudservicerezt4ez'
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
  name: 'rcopecloudservicerezt4ez/default'
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
    rcopecloudservicerezt4ez
  ]
}

resource rcopecloudservicerezt4ezBlobPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcopecloudservicerezt4ez-blob-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rcopecloudservicerezt4ez-blob-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcopecloudservicerezt4ez-blob-pe'
        properties: {
          privateLinkServiceId: rcopecloudservicerezt4ez.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcopecloudservicerezt4ez-blob-pe/default'
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
    rcopecloudservicerezt4ezBlobPe
  ]
}

resource rcopecloudservicerezt4ezFilePe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcopecloudservicerezt4ez-file-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rcopecloudservicerezt4ez-file-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcopecloudservicerezt4ez-file-pe'
        properties: {
          privateLinkServiceId: rcopecloudservicerezt4ez.id
          groupIds: [
            'file'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcopecloudservicerezt4ez-file-pe/default'
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
    rcopecloudservicerezt4ezFilePe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: default
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
