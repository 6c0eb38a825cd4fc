@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcPrdOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-appi'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-cloud-service-recommender')
}

resource operationsRcPrdOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-prd-mgmt-ampls/operations-rc-prd-operations-cloud-service-recommender-appi'
  properties: {
    linkedResourceId: rcPrdOperationsCloudServiceRecommenderAppi.id
  }
}
