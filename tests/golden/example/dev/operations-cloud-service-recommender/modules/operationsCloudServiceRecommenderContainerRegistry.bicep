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

resource privatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azurecr.io'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcdevoperationscloudservicerecommenderacrsa5d7 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'rcdevoperationscloudservicerecommenderacrsa5d7'
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

resource rcdevoperationscloudservicerecommenderacrsa5d7RegistryPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevoperationscloudservicerecommenderacrsa5d7-registry-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rcdevoperationscloudservicerecommenderacrsa5d7-registry-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevoperationscloudservicerecommenderacrsa5d7-registry-pe'
        properties: {
          privateLinkServiceId: rcdevoperationscloudservicerecommenderacrsa5d7.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevoperationscloudservicerecommenderacrsa5d7-registry-pe/default'
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
    rcdevoperationscloudservicerecommenderacrsa5d7RegistryPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcdevoperationscloudservicerecommenderacrsa5d7
  properties: {
    workspaceId: rcDevOperationsLog.id
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
