resource workloadCloudServiceRecommenderAks 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-cloud-service-recommender-aks'
}

resource rcDevOperationsCloudServiceRecommenderAksId 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: 'rc-dev-operations-cloud-service-recommender-aks-id'
  scope: resourceGroup('rc-dev-operations-cloud-service-recommender')
}

resource roleDefinition4d97b98b1d4f4787A291C67834d212e7 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4d97b98b-1d4f-4787-a291-c67834d212e7'
  scope: subscription()
}

resource rcDevOperationsRoutes 'Microsoft.Network/routeTables@2025-09-01' existing = {
  name: 'rc-dev-operations-routes'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workloadCloudServiceRecommenderAks.id, rcDevOperationsCloudServiceRecommenderAksId.id, '4d97b98b-1d4f-4787-a291-c67834d212e7')
  scope: workloadCloudServiceRecommenderAks
  properties: {
    roleDefinitionId: roleDefinition4d97b98b1d4f4787A291C67834d212e7.id
    principalId: rcDevOperationsCloudServiceRecommenderAksId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsRoutes.id, rcDevOperationsCloudServiceRecommenderAksId.id, '4d97b98b-1d4f-4787-a291-c67834d212e7')
  scope: rcDevOperationsRoutes
  properties: {
    roleDefinitionId: roleDefinition4d97b98b1d4f4787A291C67834d212e7.id
    principalId: rcDevOperationsCloudServiceRecommenderAksId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
