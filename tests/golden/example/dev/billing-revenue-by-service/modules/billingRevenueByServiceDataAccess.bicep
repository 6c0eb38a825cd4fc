resource revenueByService 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingencuru3qi2/default/revenue-by-service'
}

resource rcDevBillingSynapseNj66e 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-billing-synapse-nj66e'
  scope: resourceGroup('rc-dev-billing-shared-product')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource revenueByService2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingworkibsjl/default/revenue-by-service'
}

resource invoices 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingencuru3qi2/default/invoices'
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: revenueByService
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/revenue-by-service writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService2.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: revenueByService2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/revenue-by-service writes'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices.id, rcDevBillingSynapseNj66e.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: invoices
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/revenue-by-service reads billing/invoices'
  }
}
