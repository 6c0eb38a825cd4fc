resource recommenderRevenue 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevopeencurrezon/default/recommender-revenue'
}

resource rcDevOperationsSynapseJ6gdw 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-operations-synapse-j6gdw'
  scope: resourceGroup('rc-dev-operations-shared-product')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource recommenderRevenue2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevoperationsworkmlrqg/default/recommender-revenue'
}

resource cloudServiceRecommender 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevopeencurrezon/default/cloud-service-recommender'
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(recommenderRevenue.id, rcDevOperationsSynapseJ6gdw.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: recommenderRevenue
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevOperationsSynapseJ6gdw.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/recommender-revenue writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(recommenderRevenue2.id, rcDevOperationsSynapseJ6gdw.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: recommenderRevenue2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevOperationsSynapseJ6gdw.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/recommender-revenue writes'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender.id, rcDevOperationsSynapseJ6gdw.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: cloudServiceRecommender
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcDevOperationsSynapseJ6gdw.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/recommender-revenue reads operations/cloud-service-recommender'
  }
}
