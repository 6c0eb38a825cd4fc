@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource revenueByService 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdbillingencurp3qai/default/revenue-by-service'
}

resource rcPrdOperationsSynapseHsqpz 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-prd-operations-synapse-hsqpz'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-shared-product')
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService.id, rcPrdOperationsSynapseHsqpz.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: revenueByService
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcPrdOperationsSynapseHsqpz.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/recommender-revenue reads billing/revenue-by-service'
  }
}
