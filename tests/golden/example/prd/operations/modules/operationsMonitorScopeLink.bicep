@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-logging')
}

resource operationsRcPrdOperationsLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-prd-mgmt-ampls/operations-rc-prd-operations-log'
  properties: {
    linkedResourceId: rcPrdOperationsLog.id
  }
}
