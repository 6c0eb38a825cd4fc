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

resource privatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azurecr.io'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcprdoperationscloudservicerecommenderacruen3d 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'rcprdoperationscloudservicerecommenderacruen3d'
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

resource rcprdoperationscloudservicerecommenderacruen3dRegistryPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcprdoperationscloudservicerecommenderacruen3d-registry-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rcprdoperationscloudservicerecommenderacruen3d-registry-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcprdoperationscloudservicerecommenderacruen3d-registry-pe'
        properties: {
          privateLinkServiceId: rcprdoperationscloudservicerecommenderacruen3d.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcprdoperationscloudservicerecommenderacruen3d-registry-pe/default'
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
    rcprdoperationscloudservicerecommenderacruen3dRegistryPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcprdoperationscloudservicerecommenderacruen3d
  properties: {
    workspaceId: rcPrdOperationsLog.id
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
