@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/services'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource privatelinkDfs 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.dfs.${environment().suffixes.storage}'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcdevoperationsrawoz6qy 'Microsoft.Storage/storageAccounts@2026-04-01' = {
  name: 'rcdevoperationsrawoz6qy'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    accessTier: 'Hot'
    isHnsEnabled: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
      }
    }
  }
}

resource default 'Microsoft.Storage/storageAccounts/blobServices@2026-04-01' = {
  name: 'rcdevoperationsrawoz6qy/default'
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
    rcdevoperationsrawoz6qy
  ]
}

resource managementPolicy 'Microsoft.Storage/storageAccounts/managementPolicies@2026-04-01' = {
  name: 'rcdevoperationsrawoz6qy/default'
  properties: {
    policy: {
      rules: [
        {
          name: 'cool-after-idle'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: 90
                }
              }
              snapshot: {
                tierToCool: {
                  daysAfterCreationGreaterThan: 90
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    rcdevoperationsrawoz6qy
  ]
}

resource cloudAccounts 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = {
  name: 'rcdevoperationsrawoz6qy/default/cloud-accounts'
  properties: {
    publicAccess: 'None'
  }
  dependsOn: [
    default
  ]
}

resource serviceTelemetry 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = {
  name: 'rcdevoperationsrawoz6qy/default/service-telemetry'
  properties: {
    publicAccess: 'None'
  }
  dependsOn: [
    default
  ]
}

resource rcdevoperationsrawoz6qyBlobPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevoperationsrawoz6qy-blob-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcdevoperationsrawoz6qy-blob-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevoperationsrawoz6qy-blob-pe'
        properties: {
          privateLinkServiceId: rcdevoperationsrawoz6qy.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevoperationsrawoz6qy-blob-pe/default'
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
    rcdevoperationsrawoz6qyBlobPe
  ]
}

resource rcdevoperationsrawoz6qyDfsPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevoperationsrawoz6qy-dfs-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcdevoperationsrawoz6qy-dfs-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevoperationsrawoz6qy-dfs-pe'
        properties: {
          privateLinkServiceId: rcdevoperationsrawoz6qy.id
          groupIds: [
            'dfs'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevoperationsrawoz6qy-dfs-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'dfs'
        properties: {
          privateDnsZoneId: privatelinkDfs.id
        }
      }
    ]
  }
  dependsOn: [
    rcdevoperationsrawoz6qyDfsPe
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
