resource workloadCloudServiceRecommenderAks 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-cloud-service-recommender-aks'
}

resource rcPrdOperationsCloudServiceRecommenderAksId 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-aks-id'
  scope: resourceGroup('rc-prd-operations-cloud-service-recommender')
}

resource roleDefinition4d97b98b1d4f4787A291C67834d212e7 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4d97b98b-1d4f-4787-a291-c67834d212e7'
  scope: subscription()
}

resource rcPrdOperationsRoutes 'Microsoft.Network/routeTables@2025-09-01' existing = {
  name: 'rc-prd-operations-routes'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workloadCloudServiceRecommenderAks.id, rcPrdOperationsCloudServiceRecommenderAksId.id, '4d97b98b-1d4f-4787-a291-c67834d212e7')
  scope: workloadCloudServiceRecommenderAks
  properties: {
    roleDefinitionId: roleDefinition4d97b98b1d4f4787A291C67834d212e7.id
    principalId: rcPrdOperationsCloudServiceRecommenderAksId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcPrdOperationsRoutes.id, rcPrdOperationsCloudServiceRecommenderAksId.id, '4d97b98b-1d4f-4787-a291-c67834d212e7')
  scope: rcPrdOperationsRoutes
  properties: {
    roleDefinitionId: roleDefinition4d97b98b1d4f4787A291C67834d212e7.id
    principalId: rcPrdOperationsCloudServiceRecommenderAksId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
