resource activeDirectory 'Microsoft.Synapse/workspaces/administrators@2021-06-01' = {
  name: 'rc-prd-billing-synapse-5jvvb/activeDirectory'
  properties: {
    administratorType: 'ActiveDirectory'
    login: 'group 8e1f0c2a-0000-4000-8000-000000000121'
    sid: '8e1f0c2a-0000-4000-8000-000000000121'
    tenantId: subscription().tenantId
  }
}
