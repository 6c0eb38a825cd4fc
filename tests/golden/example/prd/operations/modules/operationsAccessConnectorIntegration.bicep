@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdOperationsIntegrationDbwAc 'Microsoft.Databricks/accessConnectors@2026-01-01' = {
  name: 'rc-prd-operations-integration-dbw-ac'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {}
}

@description('Object ID of the access connector\'s identity (Unity Catalog storage credential).')
output principalId string = rcPrdOperationsIntegrationDbwAc.identity.principalId
