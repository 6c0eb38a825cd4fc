@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource revenueByService 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingencuru3qi2/default/revenue-by-service'
}

resource rcDevOperationsSynapseJ6gdw 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-operations-synapse-j6gdw'
  scope: resourceGroup(operationsSubscriptionId, 'rc-dev-operations-shared-product')
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService.id, rcDevOperationsSynapseJ6gdw.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: revenueByService
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcDevOperationsSynapseJ6gdw.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/recommender-revenue reads billing/revenue-by-service'
  }
}
