metadata description = 'Data product operations-recommender-revenue, rendered by relecloud. Revenue attributed to recommendations'

@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

module operationsRecommenderRevenueKeyVault 'modules/operationsRecommenderRevenueKeyVault.bicep' = {
  name: 'operations-recommender-revenue-keyVault'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
}

module operationsRecommenderRevenueDataAccess 'modules/operationsRecommenderRevenueDataAccess.bicep' = {
  name: 'operations-recommender-revenue-dataAccess'
  scope: resourceGroup('rc-dev-operations-storage')
}

module operationsRecommenderRevenueDataAccessBilling 'modules/operationsRecommenderRevenueDataAccessBilling.bicep' = {
  name: 'operations-recommender-revenue-dataAccessBilling'
  scope: resourceGroup(billingSubscriptionId, 'rc-dev-billing-storage')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
}

module operationsRecommenderRevenueAdminAccess 'modules/operationsRecommenderRevenueAdminAccess.bicep' = {
  name: 'operations-recommender-revenue-adminAccess'
  dependsOn: [
    operationsRecommenderRevenueKeyVault
  ]
}

@description('URI of the Key Vault.')
output keyVaultVaultUri string = operationsRecommenderRevenueKeyVault.outputs.vaultUri
