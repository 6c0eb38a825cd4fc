resource cloudAccounts 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdoperationsrawiro6s/default/cloud-accounts'
}

resource rcPrdOperationsCloudAccountsAdfIv5ge 'Microsoft.DataFactory/factories@2018-06-01' existing = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge'
  scope: resourceGroup('rc-prd-operations-cloud-accounts')
}

resource ba92f5b42d11453dA403E96b0029c9fe 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  scope: subscription()
}

resource cloudAccounts2 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: 'rcprdopeencurl4alr/default/cloud-accounts'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts.id, rcPrdOperationsCloudAccountsAdfIv5ge.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudAccounts
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcPrdOperationsCloudAccountsAdfIv5ge.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-accounts writes'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cloudAccounts2.id, rcPrdOperationsCloudAccountsAdfIv5ge.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: cloudAccounts2
  properties: {
    roleDefinitionId: ba92f5b42d11453dA403E96b0029c9fe.id
    principalId: rcPrdOperationsCloudAccountsAdfIv5ge.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'operations/cloud-accounts writes'
  }
}
