@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup(operationsSubscriptionId, 'rc-dev-operations-logging')
}

resource operationsRcDevOperationsLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-dev-mgmt-ampls/operations-rc-dev-operations-log'
  properties: {
    linkedResourceId: rcDevOperationsLog.id
  }
}
