targetScope = 'subscription'

metadata description = 'Data landing zone operations, rendered by relecloud. Service operations of the Relecloud cloud platform'

@description('Azure region of the unit\'s resources.')
param location string

@description('Private IP of the management zone\'s firewall: next hop for egress and DNS proxy.')
param managementFirewallPrivateIp string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdOperationsNetwork 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-network'
  location: location
  tags: tags
}

resource rcPrdOperationsLogging 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-logging'
  location: location
  tags: tags
}

resource rcPrdOperationsStorage 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-storage'
  location: location
  tags: tags
}

resource rcPrdOperationsSharedIntegration 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-shared-integration'
  location: location
  tags: tags
}

resource rcPrdOperationsSharedProduct 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-shared-product'
  location: location
  tags: tags
}

resource rcPrdOperationsCloudAccounts 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-cloud-accounts'
  location: location
  tags: tags
}

resource rcPrdOperationsCloudServiceRecommender 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-cloud-service-recommender'
  location: location
  tags: tags
}

resource rcPrdOperationsRecommenderRevenue 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-operations-recommender-revenue'
  location: location
  tags: tags
}

module operationsNetwork 'modules/operationsNetwork.bicep' = {
  name: 'operations-network'
  scope: resourceGroup('rc-prd-operations-network')
  params: {
    location: location
    managementFirewallPrivateIp: managementFirewallPrivateIp
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsNetwork
  ]
}

module operationsPeeringManagement 'modules/operationsPeeringManagement.bicep' = {
  name: 'operations-peeringManagement'
  scope: resourceGroup('rc-prd-operations-network')
  params: {
    managementSubscriptionId: managementSubscriptionId
  }
  dependsOn: [
    rcPrdOperationsNetwork
    operationsNetwork
  ]
}

module operationsPeeringManagementReverse 'modules/operationsPeeringManagementReverse.bicep' = {
  name: 'operations-peeringManagementReverse'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-network')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    operationsNetwork
  ]
}

module operationsLogAnalytics 'modules/operationsLogAnalytics.bicep' = {
  name: 'operations-logAnalytics'
  scope: resourceGroup('rc-prd-operations-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsLogging
    operationsNetwork
  ]
}

module operationsMonitorScopeLink 'modules/operationsMonitorScopeLink.bicep' = {
  name: 'operations-monitorScopeLink'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-logging')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    operationsLogAnalytics
  ]
}

module operationsLakeRaw 'modules/operationsLakeRaw.bicep' = {
  name: 'operations-lakeRaw'
  scope: resourceGroup('rc-prd-operations-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsStorage
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsLakeEnrichedCurated 'modules/operationsLakeEnrichedCurated.bicep' = {
  name: 'operations-lakeEnrichedCurated'
  scope: resourceGroup('rc-prd-operations-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsStorage
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsLakeWorkspace 'modules/operationsLakeWorkspace.bicep' = {
  name: 'operations-lakeWorkspace'
  scope: resourceGroup('rc-prd-operations-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsStorage
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsDatabricksIntegration 'modules/operationsDatabricksIntegration.bicep' = {
  name: 'operations-databricksIntegration'
  scope: resourceGroup('rc-prd-operations-shared-integration')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsSharedIntegration
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsSynapse 'modules/operationsSynapse.bicep' = {
  name: 'operations-synapse'
  scope: resourceGroup('rc-prd-operations-shared-product')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsSharedProduct
    operationsNetwork
    operationsLakeWorkspace
    operationsLogAnalytics
  ]
}

module operationsPurviewAccess 'modules/operationsPurviewAccess.bicep' = {
  name: 'operations-purviewAccess'
  params: {
    managementSubscriptionId: managementSubscriptionId
  }
}

module operationsPolicy 'modules/operationsPolicy.bicep' = {
  name: 'operations-policy'
}

module operationsAccessConnectorIntegration 'modules/operationsAccessConnectorIntegration.bicep' = {
  name: 'operations-accessConnectorIntegration'
  scope: resourceGroup('rc-prd-operations-shared-integration')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdOperationsSharedIntegration
  ]
}

module operationsDataAccess 'modules/operationsDataAccess.bicep' = {
  name: 'operations-dataAccess'
  scope: resourceGroup('rc-prd-operations-storage')
  dependsOn: [
    rcPrdOperationsStorage
    operationsAccessConnectorIntegration
    operationsSynapse
    operationsLakeRaw
    operationsLakeEnrichedCurated
    operationsLakeWorkspace
  ]
}

module operationsSynapseAdministrator 'modules/operationsSynapseAdministrator.bicep' = {
  name: 'operations-synapseAdministrator'
  scope: resourceGroup('rc-prd-operations-shared-product')
  dependsOn: [
    rcPrdOperationsSharedProduct
    operationsSynapse
  ]
}

module operationsAdminAccessSharedIntegration 'modules/operationsAdminAccessSharedIntegration.bicep' = {
  name: 'operations-adminAccessSharedIntegration'
  scope: resourceGroup('rc-prd-operations-shared-integration')
  dependsOn: [
    rcPrdOperationsSharedIntegration
    operationsDatabricksIntegration
  ]
}

@description('Resource id of the landing zone\'s virtual network.')
output networkVnetId string = operationsNetwork.outputs.vnetId

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsWorkspaceId string = operationsLogAnalytics.outputs.workspaceId

@description('URL of the Databricks workspace (reached privately).')
output databricksIntegrationWorkspaceUrl string = operationsDatabricksIntegration.outputs.workspaceUrl

@description('Object ID of the access connector\'s identity (Unity Catalog storage credential).')
output accessConnectorIntegrationPrincipalId string = operationsAccessConnectorIntegration.outputs.principalId
