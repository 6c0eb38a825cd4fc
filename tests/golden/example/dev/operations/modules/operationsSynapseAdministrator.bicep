resource activeDirectory 'Microsoft.Synapse/workspaces/administrators@2021-06-01' = {
  name: 'rc-dev-operations-synapse-j6gdw/activeDirectory'
  properties: {
    administratorType: 'ActiveDirectory'
    login: 'group 8e1f0c2a-0000-4000-8000-000000000111'
    sid: '8e1f0c2a-0000-4000-8000-000000000111'
    tenantId: subscription().tenantId
  }
}
