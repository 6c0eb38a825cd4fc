@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcDevOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'rc-dev-operations-cloud-service-recommender-appi'
  scope: resourceGroup(operationsSubscriptionId, 'rc-dev-operations-cloud-service-recommender')
}

resource operationsRcDevOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-dev-mgmt-ampls/operations-rc-dev-operations-cloud-service-recommender-appi'
  properties: {
    linkedResourceId: rcDevOperationsCloudServiceRecommenderAppi.id
  }
}
