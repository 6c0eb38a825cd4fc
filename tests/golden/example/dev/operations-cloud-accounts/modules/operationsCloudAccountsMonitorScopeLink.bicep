@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcDevOperationsCloudAccountsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-cloud-accounts-log'
  scope: resourceGroup(operationsSubscriptionId, 'rc-dev-operations-cloud-accounts')
}

resource operationsRcDevOperationsCloudAccountsLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-dev-mgmt-ampls/operations-rc-dev-operations-cloud-accounts-log'
  properties: {
    linkedResourceId: rcDevOperationsCloudAccountsLog.id
  }
}
