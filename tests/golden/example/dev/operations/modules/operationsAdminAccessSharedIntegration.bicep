resource rcDevOperationsIntegrationDbw 'Microsoft.Databricks/workspaces@2026-01-01' existing = {
  name: 'rc-dev-operations-integration-dbw'
}

resource b24988ac618042a0Ab8820f7382dd24c 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'b24988ac-6180-42a0-ab88-20f7382dd24c'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsIntegrationDbw.id, '8e1f0c2a-0000-4000-8000-000000000101', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
  scope: rcDevOperationsIntegrationDbw
  properties: {
    roleDefinitionId: b24988ac618042a0Ab8820f7382dd24c.id
    description: 'Contributor: administers databricks workspace for integrations'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcDevOperationsIntegrationDbw.id, '8e1f0c2a-0000-4000-8000-000000000111', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
  scope: rcDevOperationsIntegrationDbw
  properties: {
    roleDefinitionId: b24988ac618042a0Ab8820f7382dd24c.id
    description: 'Contributor: administers databricks workspace for integrations'
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
  }
}
