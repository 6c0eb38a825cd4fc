@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdOperationsCloudServiceRecommenderAksId 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'rc-prd-operations-cloud-service-recommender-aks-id'
  location: location
  tags: tags
}
