@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcDevOperationsCloudServiceRecommenderAppi 'Microsoft.Insights/components@2020-02-02' = {
  name: 'rc-dev-operations-cloud-service-recommender-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: rcDevOperationsLog.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    publicNetworkAccessForIngestion: 'Disabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}
