@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

resource rcPrdBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-billing-log'
  scope: resourceGroup(billingSubscriptionId, 'rc-prd-billing-logging')
}

resource billingRcPrdBillingLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-prd-mgmt-ampls/billing-rc-prd-billing-log'
  properties: {
    linkedResourceId: rcPrdBillingLog.id
  }
}
