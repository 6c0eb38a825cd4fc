resource rcOpeCloudAccou2fsgz 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-accou-2fsgz'
}

resource rcDevOperationsCloudAccountsAdfMk7w5 'Microsoft.DataFactory/factories@2018-06-01' existing = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5'
  scope: resourceGroup('rc-dev-operations-cloud-accounts')
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudAccou2fsgz.id, rcDevOperationsCloudAccountsAdfMk7w5.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcOpeCloudAccou2fsgz
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcDevOperationsCloudAccountsAdfMk7w5.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
