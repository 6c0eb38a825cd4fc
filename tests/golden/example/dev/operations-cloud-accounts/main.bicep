metadata description = 'Data integration operations-cloud-accounts, rendered by relecloud. Customer cloud accounts, a low-volume feed'

@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

module operationsCloudAccountsLogAnalytics 'modules/operationsCloudAccountsLogAnalytics.bicep' = {
  name: 'operations-cloud-accounts-logAnalytics'
  params: {
    location: location
    tags: tags
  }
}

module operationsCloudAccountsMonitorScopeLink 'modules/operationsCloudAccountsMonitorScopeLink.bicep' = {
  name: 'operations-cloud-accounts-monitorScopeLink'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-logging')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    operationsCloudAccountsLogAnalytics
  ]
}

module operationsCloudAccountsKeyVault 'modules/operationsCloudAccountsKeyVault.bicep' = {
  name: 'operations-cloud-accounts-keyVault'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    operationsCloudAccountsLogAnalytics
  ]
}

module operationsCloudAccountsDataFactory 'modules/operationsCloudAccountsDataFactory.bicep' = {
  name: 'operations-cloud-accounts-dataFactory'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    operationsCloudAccountsKeyVault
    operationsCloudAccountsLogAnalytics
  ]
}

module operationsCloudAccountsVaultAccess 'modules/operationsCloudAccountsVaultAccess.bicep' = {
  name: 'operations-cloud-accounts-vaultAccess'
  dependsOn: [
    operationsCloudAccountsKeyVault
    operationsCloudAccountsDataFactory
  ]
}

module operationsCloudAccountsDataAccess 'modules/operationsCloudAccountsDataAccess.bicep' = {
  name: 'operations-cloud-accounts-dataAccess'
  scope: resourceGroup('rc-dev-operations-storage')
  dependsOn: [
    operationsCloudAccountsDataFactory
  ]
}

module operationsCloudAccountsAdminAccess 'modules/operationsCloudAccountsAdminAccess.bicep' = {
  name: 'operations-cloud-accounts-adminAccess'
  dependsOn: [
    operationsCloudAccountsKeyVault
    operationsCloudAccountsDataFactory
  ]
}

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsWorkspaceId string = operationsCloudAccountsLogAnalytics.outputs.workspaceId

@description('URI of the Key Vault.')
output keyVaultVaultUri string = operationsCloudAccountsKeyVault.outputs.vaultUri
