resource rcOpeRecommenderCskd7 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-recommender-cskd7'
}

resource roleDefinition00482a5a887f4fb3B3633b7fe8e74483 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '00482a5a-887f-4fb3-b363-3b7fe8e74483'
  scope: subscription()
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeRecommenderCskd7.id, '8e1f0c2a-0000-4000-8000-000000000101', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeRecommenderCskd7
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000101'
    principalType: 'Group'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeRecommenderCskd7.id, '8e1f0c2a-0000-4000-8000-000000000111', '00482a5a-887f-4fb3-b363-3b7fe8e74483')
  scope: rcOpeRecommenderCskd7
  properties: {
    roleDefinitionId: roleDefinition00482a5a887f4fb3B3633b7fe8e74483.id
    description: 'Key Vault Administrator: administers key vault of the workload'
    principalId: '8e1f0c2a-0000-4000-8000-000000000111'
    principalType: 'Group'
  }
}
