@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

resource serviceTelemetry 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevoperationsrawoz6qy/default/service-telemetry'
}

resource rcDevBillingSynapseNj66e 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-billing-synapse-nj66e'
  scope: resourceGroup(billingSubscriptionId, 'rc-dev-billing-shared-product')
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceTelemetry.id, rcDevBillingSynapseNj66e.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: serviceTelemetry
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/revenue-by-service reads operations/service-telemetry'
  }
}
