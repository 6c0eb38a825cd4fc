@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcOpeCloudServiYzjrv 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-servi-yzjrv'
}

resource rcopecloudservicerezt4ez 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcopecloudservicerezt4ez'
}

resource rcprdoperationscloudservicerecommenderacruen3d 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: 'rcprdoperationscloudservicerecommenderacruen3d'
}

resource rcPrdOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-appi'
}

resource workloadCloudServiceRecommender 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-cloud-service-recommender'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkApiAzuremlMs 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.api.azureml.ms'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource privatelinkNotebooksAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.notebooks.azure.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcPrdOperationsCloudSe261ab4 'Microsoft.MachineLearningServices/workspaces@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4'
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
    friendlyName: 'rc-prd-operations-cloud-se-261ab4'
    description: 'Recommends cloud services to customers from their usage'
    keyVault: rcOpeCloudServiYzjrv.id
    storageAccount: rcopecloudservicerezt4ez.id
    containerRegistry: rcprdoperationscloudservicerecommenderacruen3d.id
    applicationInsights: rcPrdOperationsCloudServiceRecommenderAppi.id
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

resource rcPrdOperationsCloudSe261ab4AmlworkspacePe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4-amlworkspace-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: workloadCloudServiceRecommender.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-cloud-se-261ab4-amlworkspace-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-cloud-se-261ab4-amlworkspace-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsCloudSe261ab4.id
          groupIds: [
            'amlworkspace'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4-amlworkspace-pe/default'
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
    rcPrdOperationsCloudSe261ab4AmlworkspacePe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdOperationsCloudSe261ab4
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

@description('Resource id of the Machine Learning workspace.')
output workspaceId string = rcPrdOperationsCloudSe261ab4.id
