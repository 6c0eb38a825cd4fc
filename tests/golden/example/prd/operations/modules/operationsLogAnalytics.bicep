@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: 'rc-prd-operations-log'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 120
    publicNetworkAccessForIngestion: 'Disabled'
    publicNetworkAccessForQuery: 'Enabled'
    features: {
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = rcPrdOperationsLog.id
