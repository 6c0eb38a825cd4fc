resource rcOpeCloudAccouFofc5 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-accou-fofc5'
}

resource rcPrdOperationsCloudAccountsAdfIv5ge 'Microsoft.DataFactory/factories@2018-06-01' existing = {
  name: 'rc-prd-operations-cloud-accounts-adf-iv5ge'
  scope: resourceGroup('rc-prd-operations-cloud-accounts')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudAccouFofc5.id, rcPrdOperationsCloudAccountsAdfIv5ge.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcOpeCloudAccouFofc5
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcPrdOperationsCloudAccountsAdfIv5ge.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
