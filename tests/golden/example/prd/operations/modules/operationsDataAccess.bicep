resource serviceTelemetry 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsrawiro6s/default/service-telemetry'
}

resource rcPrdOperationsIntegrationDbwAc 'Microsoft.Databricks/accessConnectors@2026-01-01' existing = {
  name: 'rc-prd-operations-integration-dbw-ac'
  scope: resourceGroup('rc-prd-operations-shared-integration')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource synapse 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsworkl4pb3/default/synapse'
}

resource rcPrdOperationsSynapseHsqpz 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-prd-operations-synapse-hsqpz'
  scope: resourceGroup('rc-prd-operations-shared-product')
}

resource cloudAccounts 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsrawiro6s/default/cloud-accounts'
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource cloudAccounts2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdopeencurl4alr/default/cloud-accounts'
}

resource cloudServiceRecommender 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdopeencurl4alr/default/cloud-service-recommender'
}

resource recommenderRevenue 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdopeencurl4alr/default/recommender-revenue'
}

resource cloudServiceRecommender2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsworkl4pb3/default/cloud-service-recommender'
}

resource recommenderRevenue2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsworkl4pb3/default/recommender-revenue'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceTelemetry.id, rcPrdOperationsIntegrationDbwAc.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: serviceTelemetry
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcPrdOperationsIntegrationDbwAc.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/service-telemetry writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(synapse.id, rcPrdOperationsSynapseHsqpz.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: synapse
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcPrdOperationsSynapseHsqpz.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'rc-prd-operations-synapse-hsqpz keeps its default file system here'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudAccounts
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment4 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: cloudAccounts
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment5 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceTelemetry.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: serviceTelemetry
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment6 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceTelemetry.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: serviceTelemetry
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment7 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts2.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudAccounts2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment8 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts2.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: cloudAccounts2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment9 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudServiceRecommender
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment10 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: cloudServiceRecommender
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment11 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender.id, '8e1f0c2a-0000-4000-8000-000000000131', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudServiceRecommender
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000131'
    principalType: 'Group'
    description: 'the owners of operations/cloud-service-recommender write it'
  }
}

resource roleAssignment12 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(recommenderRevenue.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: recommenderRevenue
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment13 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(recommenderRevenue.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: recommenderRevenue
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment14 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender2.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudServiceRecommender2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment15 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender2.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: cloudServiceRecommender2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment16 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudServiceRecommender2.id, '8e1f0c2a-0000-4000-8000-000000000131', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudServiceRecommender2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000131'
    principalType: 'Group'
    description: 'the owners of operations/cloud-service-recommender write it'
  }
}

resource roleAssignment17 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(recommenderRevenue2.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: recommenderRevenue2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment18 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(recommenderRevenue2.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: recommenderRevenue2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}

resource roleAssignment19 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(synapse.id, '8e1f0c2a-0000-4000-8000-000000000111', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: synapse
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
    description: 'the owners of operations write it'
  }
}

resource roleAssignment20 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(synapse.id, '8e1f0c2a-0000-4000-8000-000000000112', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: synapse
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000112'
    principalType: 'Group'
    description: 'the readers of operations read it'
  }
}
