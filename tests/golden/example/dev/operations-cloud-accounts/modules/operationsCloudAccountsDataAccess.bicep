resource cloudAccounts 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevoperationsrawoz6qy/default/cloud-accounts'
}

resource rcDevOperationsCloudAccountsAdfMk7w5 'Microsoft.DataFactory/factories@2018-06-01' existing = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5'
  scope: resourceGroup('rc-dev-operations-cloud-accounts')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource cloudAccounts2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcdevopeencurrezon/default/cloud-accounts'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts.id, rcDevOperationsCloudAccountsAdfMk7w5.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudAccounts
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevOperationsCloudAccountsAdfMk7w5.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-accounts writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts2.id, rcDevOperationsCloudAccountsAdfMk7w5.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudAccounts2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcDevOperationsCloudAccountsAdfMk7w5.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-accounts writes'
  }
}
