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

resource rcdevopeencurrezon 'Microsoft.Storage/storageAccounts@2026-04-01' = {
  name: 'rcdevopeencurrezon'
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
  name: 'rcdevopeencurrezon/default'
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
    rcdevopeencurrezon
  ]
}

resource managementPolicy 'Microsoft.Storage/storageAccounts/managementPolicies@2026-04-01' = {
  name: 'rcdevopeencurrezon/default'
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
    rcdevopeencurrezon
  ]
}

resource cloudAccounts 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = {
  name: 'rcdevopeencurrezon/default/cloud-accounts'
  properties: {
    publicAccess: 'None'
  }
  dependsOn: [
    default
  ]
}

resource cloudServiceRecommender 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = {
  name: 'rcdevopeencurrezon/default/cloud-service-recommender'
  properties: {
    publicAccess: 'None'
  }
  dependsOn: [
    default
  ]
}

resource recommenderRevenue 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = {
  name: 'rcdevopeencurrezon/default/recommender-revenue'
  properties: {
    publicAccess: 'None'
  }
  dependsOn: [
    default
  ]
}

resource rcdevopeencurrezonBlobPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevopeencurrezon-blob-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcdevopeencurrezon-blob-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevopeencurrezon-blob-pe'
        properties: {
          privateLinkServiceId: rcdevopeencurrezon.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevopeencurrezon-blob-pe/default'
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
    rcdevopeencurrezonBlobPe
  ]
}

resource rcdevopeencurrezonDfsPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevopeencurrezon-dfs-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcdevopeencurrezon-dfs-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevopeencurrezon-dfs-pe'
        properties: {
          privateLinkServiceId: rcdevopeencurrezon.id
          groupIds: [
            'dfs'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup2 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevopeencurrezon-dfs-pe/default'
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
    rcdevopeencurrezonDfsPe
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
