metadata description = 'Data product billing-revenue-by-service, rendered by relecloud. Revenue per cloud service'

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

module billingRevenueByServiceKeyVault 'modules/billingRevenueByServiceKeyVault.bicep' = {
  name: 'billing-revenue-by-service-keyVault'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
}

module billingRevenueByServiceDataAccess 'modules/billingRevenueByServiceDataAccess.bicep' = {
  name: 'billing-revenue-by-service-dataAccess'
  scope: resourceGroup('rc-prd-billing-storage')
}

module billingRevenueByServiceDataAccessOperations 'modules/billingRevenueByServiceDataAccessOperations.bicep' = {
  name: 'billing-revenue-by-service-dataAccessOperations'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-storage')
  params: {
    billingSubscriptionId: billingSubscriptionId
  }
}

module billingRevenueByServiceAdminAccess 'modules/billingRevenueByServiceAdminAccess.bicep' = {
  name: 'billing-revenue-by-service-adminAccess'
  dependsOn: [
    billingRevenueByServiceKeyVault
  ]
}

@description('URI of the Key Vault.')
output keyVaultVaultUri string = billingRevenueByServiceKeyVault.outputs.vaultUri
