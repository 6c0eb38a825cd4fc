@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

resource serviceTelemetry 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsrawiro6s/default/service-telemetry'
}

resource rcPrdBillingSynapse5jvvb 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-prd-billing-synapse-5jvvb'
  scope: resourceGroup(billingSubscriptionId, 'rc-prd-billing-shared-product')
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceTelemetry.id, rcPrdBillingSynapse5jvvb.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: serviceTelemetry
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcPrdBillingSynapse5jvvb.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/revenue-by-service reads operations/service-telemetry'
  }
}
