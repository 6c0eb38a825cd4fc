resource cloudServiceRecommender 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevopeencurrezon/default/cloud-service-recommender'
}

resource rcDevOperationsCloudSe539acb 'Microsoft.MachineLearningServices/workspaces@2026-05-01' existing = {
  name: 'rc-dev-operations-cloud-se-539acb'
  scope: resourceGroup('rc-dev-operations-cloud-service-recommender')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource cloudServiceRecommender2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevoperationsworkmlrqg/default/cloud-service-recommender'
}

resource serviceTelemetry 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevoperationsrawoz6qy/default/service-telemetry'
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource cloudAccounts 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevopeencurrezon/default/cloud-accounts'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender.id, rcDevOperationsCloudSe539acb.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudServiceRecommender
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevOperationsCloudSe539acb.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-service-recommender writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender2.id, rcDevOperationsCloudSe539acb.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudServiceRecommender2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevOperationsCloudSe539acb.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-service-recommender writes'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceTelemetry.id, rcDevOperationsCloudSe539acb.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: serviceTelemetry
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcDevOperationsCloudSe539acb.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-service-recommender reads operations/service-telemetry'
  }
}

resource roleAssignment4 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts.id, rcDevOperationsCloudSe539acb.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: cloudAccounts
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcDevOperationsCloudSe539acb.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-service-recommender reads operations/cloud-accounts'
  }
}
