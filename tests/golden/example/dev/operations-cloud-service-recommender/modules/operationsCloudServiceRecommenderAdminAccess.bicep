resource rcOpeCloudServi2zkvx 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-servi-2zkvx'
}

resource roleDefinition00482a5a887f4fb3B3633b7fe8e74483 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '00482a5a-887f-4fb3-b363-3b7fe8e74483'
  scope: subscription()
}

resource rcDevOperationsCloudSe539acb 'Microsoft.MachineLearningServices/workspaces@2026-05-01' existing = {
  name: 'rc-dev-operations-cloud-se-539acb'
}

resource b24988ac618042a0Ab8820f7382dd24c 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'b24988ac-6180-42a0-ab88-20f7382dd24c'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudServi2zkvx.id, '8e1f0c2a-0000-4000-8000-000000000101', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeCloudServi2zkvx
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudServi2zkvx.id, '8e1f0c2a-0000-4000-8000-000000000111', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeCloudServi2zkvx
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
  }
}

resource roleAssignment3 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudServi2zkvx.id, '8e1f0c2a-0000-4000-8000-000000000131', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeCloudServi2zkvx
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000131'
    principalType: 'Group'
  }
}

resource roleAssignment4 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsCloudSe539acb.id, '8e1f0c2a-0000-4000-8000-000000000101', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
  scope: rcDevOperationsCloudSe539acb
  properties: {
    roleDefinitionId: b24988ac618042a0Ab8820f7382dd24c.id
    description: 'Contributor: administers machine learning workspace'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}

resource roleAssignment5 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsCloudSe539acb.id, '8e1f0c2a-0000-4000-8000-000000000111', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
  scope: rcDevOperationsCloudSe539acb
  properties: {
    roleDefinitionId: b24988ac618042a0Ab8820f7382dd24c.id
    description: 'Contributor: administers machine learning workspace'
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
  }
}

resource roleAssignment6 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsCloudSe539acb.id, '8e1f0c2a-0000-4000-8000-000000000131', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
  scope: rcDevOperationsCloudSe539acb
  properties: {
    roleDefinitionId: b24988ac618042a0Ab8820f7382dd24c.id
    description: 'Contributor: administers machine learning workspace'
    principalId: '8e1f0c2a-0000-4000-8000-000000000131'
    principalType: 'Group'
  }
}
