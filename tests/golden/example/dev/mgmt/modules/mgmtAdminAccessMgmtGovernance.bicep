resource rcDevMgmtKv43ayt 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-dev-mgmt-kv-43ayt'
}

resource roleDefinition00482a5a887f4fb3B3633b7fe8e74483 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '00482a5a-887f-4fb3-b363-3b7fe8e74483'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevMgmtKv43ayt.id, '8e1f0c2a-0000-4000-8000-000000000101', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcDevMgmtKv43ayt
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault (governance)'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}
