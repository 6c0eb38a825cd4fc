targetScope = 'subscription'

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

resource rcPrdMgmtPurview3xm7a 'Microsoft.Purview/accounts@2024-04-01-preview' existing = {
  name: 'rc-prd-mgmt-purview-3xm7a'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-governance')
}

resource acdd72a7338548efBd42F606fba81ae7 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
}

resource roleDefinition2a2b99086ea14ae28e65A410df84e7d1 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, rcPrdMgmtPurview3xm7a.id, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  properties: {
    roleDefinitionId: acdd72a7338548efBd42F606fba81ae7.id
    principalId: rcPrdMgmtPurview3xm7a.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource roleAssignment2 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, rcPrdMgmtPurview3xm7a.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  properties: {
    roleDefinitionId: roleDefinition2a2b99086ea14ae28e65A410df84e7d1.id
    principalId: rcPrdMgmtPurview3xm7a.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
