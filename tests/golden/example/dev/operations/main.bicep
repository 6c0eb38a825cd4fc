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

resource rcDevOperationsNetwork 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-network'
  location: location
  tags: tags
}

resource rcDevOperationsLogging 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-logging'
  location: location
  tags: tags
}

resource rcDevOperationsStorage 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-storage'
  location: location
  tags: tags
}

resource rcDevOperationsSharedIntegration 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-shared-integration'
  location: location
  tags: tags
}

resource rcDevOperationsSharedProduct 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-shared-product'
  location: location
  tags: tags
}

resource rcDevOperationsCloudAccounts 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-cloud-accounts'
  location: location
  tags: tags
}

resource rcDevOperationsCloudServiceRecommender 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-cloud-service-recommender'
  location: location
  tags: tags
}

resource rcDevOperationsRecommenderRevenue 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-operations-recommender-revenue'
  location: location
  tags: tags
}

module operationsNetwork 'modules/operationsNetwork.bicep' = {
  name: 'operations-network'
  scope: resourceGroup('rc-dev-operations-network')
  params: {
    location: location
    managementFirewallPrivateIp: managementFirewallPrivateIp
    tags: tags
  }
  dependsOn: [
    rcDevOperationsNetwork
  ]
}

module operationsPeeringManagement 'modules/operationsPeeringManagement.bicep' = {
  name: 'operations-peeringManagement'
  scope: resourceGroup('rc-dev-operations-network')
  params: {
    managementSubscriptionId: managementSubscriptionId
  }
  dependsOn: [
    rcDevOperationsNetwork
    operationsNetwork
  ]
}

module operationsPeeringManagementReverse 'modules/operationsPeeringManagementReverse.bicep' = {
  name: 'operations-peeringManagementReverse'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-network')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    operationsNetwork
  ]
}

module operationsLogAnalytics 'modules/operationsLogAnalytics.bicep' = {
  name: 'operations-logAnalytics'
  scope: resourceGroup('rc-dev-operations-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevOperationsLogging
    operationsNetwork
  ]
}

module operationsMonitorScopeLink 'modules/operationsMonitorScopeLink.bicep' = {
  name: 'operations-monitorScopeLink'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-logging')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    operationsLogAnalytics
  ]
}

module operationsLakeRaw 'modules/operationsLakeRaw.bicep' = {
  name: 'operations-lakeRaw'
  scope: resourceGroup('rc-dev-operations-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcDevOperationsStorage
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsLakeEnrichedCurated 'modules/operationsLakeEnrichedCurated.bicep' = {
  name: 'operations-lakeEnrichedCurated'
  scope: resourceGroup('rc-dev-operations-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcDevOperationsStorage
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsLakeWorkspace 'modules/operationsLakeWorkspace.bicep' = {
  name: 'operations-lakeWorkspace'
  scope: resourceGroup('rc-dev-operations-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcDevOperationsStorage
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsDatabricksIntegration 'modules/operationsDatabricksIntegration.bicep' = {
  name: 'operations-databricksIntegration'
  scope: resourceGroup('rc-dev-operations-shared-integration')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcDevOperationsSharedIntegration
    operationsNetwork
    operationsLogAnalytics
  ]
}

module operationsSynapse 'modules/operationsSynapse.bicep' = {
  name: 'operations-synapse'
  scope: resourceGroup('rc-dev-operations-shared-product')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcDevOperationsSharedProduct
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
  scope: resourceGroup('rc-dev-operations-shared-integration')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevOperationsSharedIntegration
  ]
}

module operationsDataAccess 'modules/operationsDataAccess.bicep' = {
  name: 'operations-dataAccess'
  scope: resourceGroup('rc-dev-operations-storage')
  dependsOn: [
    rcDevOperationsStorage
    operationsAccessConnectorIntegration
    operationsSynapse
    operationsLakeRaw
    operationsLakeEnrichedCurated
    operationsLakeWorkspace
  ]
}

module operationsSynapseAdministrator 'modules/operationsSynapseAdministrator.bicep' = {
  name: 'operations-synapseAdministrator'
  scope: resourceGroup('rc-dev-operations-shared-product')
  dependsOn: [
    rcDevOperationsSharedProduct
    operationsSynapse
  ]
}

module operationsAdminAccessSharedIntegration 'modules/operationsAdminAccessSharedIntegration.bicep' = {
  name: 'operations-adminAccessSharedIntegration'
  scope: resourceGroup('rc-dev-operations-shared-integration')
  dependsOn: [
    rcDevOperationsSharedIntegration
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
