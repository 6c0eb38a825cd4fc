@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcOpeCloudServi2zkvx 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-servi-2zkvx'
}

resource rcopecloudservicereno5u3 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcopecloudservicereno5u3'
}

resource rcdevoperationscloudservicerecommenderacrsa5d7 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: 'rcdevoperationscloudservicerecommenderacrsa5d7'
}

resource rcDevOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'rc-dev-operations-cloud-service-recommender-appi'
}

resource workloadCloudServiceRecommender 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-cloud-service-recommender'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkApiAzuremlMs 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.api.azureml.ms'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource privatelinkNotebooksAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.notebooks.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcDevOperationsCloudSe539acb 'Microsoft.MachineLearningServices/workspaces@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb'
  location: location
  tags: tags
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  kind: 'Default'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'rc-dev-operations-cloud-se-539acb'
    description: 'Recommends cloud services to customers from their usage'
    keyVault: rcOpeCloudServi2zkvx.id
    storageAccount: rcopecloudservicereno5u3.id
    containerRegistry: rcdevoperationscloudservicerecommenderacrsa5d7.id
    applicationInsights: rcDevOperationsCloudServiceRecommenderAppi.id
    hbiWorkspace: true
    publicNetworkAccess: 'Disabled'
    allowPublicAccessWhenBehindVnet: false
    systemDatastoresAuthMode: 'Identity'
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
    }
    v1LegacyMode: false
  }
}

resource rcDevOperationsCloudSe539acbAmlworkspacePe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-cloud-se-539acb-amlworkspace-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-cloud-se-539acb-amlworkspace-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-cloud-se-539acb-amlworkspace-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsCloudSe539acb.id
          groupIds: [
            'amlworkspace'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-cloud-se-539acb-amlworkspace-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'machineLearningApi'
        properties: {
          privateDnsZoneId: privatelinkApiAzuremlMs.id
        }
      }
      {
        name: 'machineLearningNotebooks'
        properties: {
          privateDnsZoneId: privatelinkNotebooksAzureNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevOperationsCloudSe539acbAmlworkspacePe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevOperationsCloudSe539acb
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

@description('Resource id of the Machine Learning workspace.')
output workspaceId string = rcDevOperationsCloudSe539acb.id
