resource rcOpeCloudAccou2fsgz 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-accou-2fsgz'
}

resource roleDefinition00482a5a887f4fb3B3633b7fe8e74483 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '00482a5a-887f-4fb3-b363-3b7fe8e74483'
  scope: subscription()
}

resource rcDevOperationsCloudAccountsAdfMk7w5 'Microsoft.DataFactory/factories@2018-06-01' existing = {
  name: 'rc-dev-operations-cloud-accounts-adf-mk7w5'
}

resource roleDefinition673868aa752148a0Acc60f60742d39f5 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '673868aa-7521-48a0-acc6-0f60742d39f5'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudAccou2fsgz.id, '8e1f0c2a-0000-4000-8000-000000000101', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeCloudAccou2fsgz
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudAccou2fsgz.id, '8e1f0c2a-0000-4000-8000-000000000111', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeCloudAccou2fsgz
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsCloudAccountsAdfMk7w5.id, '8e1f0c2a-0000-4000-8000-000000000101', '673868aa-7521-48a0-acc6-0f60742d39f5')
  scope: rcDevOperationsCloudAccountsAdfMk7w5
  properties: {
    roleDefinitionId: roleDefinition673868aa752148a0Acc60f60742d39f5.id
    description: 'Data Factory Contributor: administers data factory of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}

resource roleAssignment4 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsCloudAccountsAdfMk7w5.id, '8e1f0c2a-0000-4000-8000-000000000111', '673868aa-7521-48a0-acc6-0f60742d39f5')
  scope: rcDevOperationsCloudAccountsAdfMk7w5
  properties: {
    roleDefinitionId: roleDefinition673868aa752148a0Acc60f60742d39f5.id
    description: 'Data Factory Contributor: administers data factory of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
  }
}
