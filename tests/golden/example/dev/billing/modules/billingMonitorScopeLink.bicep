@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

resource rcDevBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-billing-log'
  scope: resourceGroup(billingSubscriptionId, 'rc-dev-billing-logging')
}

resource billingRcDevBillingLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-dev-mgmt-ampls/billing-rc-dev-billing-log'
  properties: {
    linkedResourceId: rcDevBillingLog.id
  }
}
