@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcPrdOperationsCloudAccountsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-cloud-accounts-log'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-cloud-accounts')
}

resource operationsRcPrdOperationsCloudAccountsLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-prd-mgmt-ampls/operations-rc-prd-operations-cloud-accounts-log'
  properties: {
    linkedResourceId: rcPrdOperationsCloudAccountsLog.id
  }
}
