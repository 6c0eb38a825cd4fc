resource customers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingrawhuqp2/default/customers'
}

resource rcDevBillingSynapseNj66e 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: 'rc-dev-billing-synapse-nj66e'
  scope: resourceGroup('rc-dev-billing-shared-product')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource customers2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingencuru3qi2/default/customers'
}

resource invoices 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingrawhuqp2/default/invoices'
}

resource invoices2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingencuru3qi2/default/invoices'
}

resource synapse 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingworkibsjl/default/synapse'
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  scope: subscription()
}

resource revenueByService 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingencuru3qi2/default/revenue-by-service'
}

resource revenueByService2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevbillingworkibsjl/default/revenue-by-service'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(customers.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: customers
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/customers writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(customers2.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: customers2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/customers writes'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: invoices
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/invoices writes'
  }
}

resource roleAssignment4 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices2.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: invoices2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'billing/invoices writes'
  }
}

resource roleAssignment5 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(synapse.id, rcDevBillingSynapseNj66e.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: synapse
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevBillingSynapseNj66e.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'rc-dev-billing-synapse-nj66e keeps its default file system here'
  }
}

resource roleAssignment6 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(customers.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: customers
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment7 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(customers.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: customers
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}

resource roleAssignment8 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: invoices
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment9 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: invoices
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}

resource roleAssignment10 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(customers2.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: customers2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment11 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(customers2.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: customers2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}

resource roleAssignment12 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices2.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: invoices2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment13 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(invoices2.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: invoices2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}

resource roleAssignment14 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: revenueByService
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment15 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: revenueByService
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}

resource roleAssignment16 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService.id, '8e1f0c2a-0000-4000-8000-000000000141', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: revenueByService
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000141'
    principalType: 'Group'
    description: 'the readers of billing/revenue-by-service read it'
  }
}

resource roleAssignment17 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService2.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: revenueByService2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment18 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService2.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: revenueByService2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}

resource roleAssignment19 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(revenueByService2.id, '8e1f0c2a-0000-4000-8000-000000000141', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: revenueByService2
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000141'
    principalType: 'Group'
    description: 'the readers of billing/revenue-by-service read it'
  }
}

resource roleAssignment20 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(synapse.id, '8e1f0c2a-0000-4000-8000-000000000121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: synapse
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000121'
    principalType: 'Group'
    description: 'the owners of billing write it'
  }
}

resource roleAssignment21 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(synapse.id, '8e1f0c2a-0000-4000-8000-000000000122', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: synapse
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: '8e1f0c2a-0000-4000-8000-000000000122'
    principalType: 'Group'
    description: 'the readers of billing read it'
  }
}
