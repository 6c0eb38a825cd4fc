resource onpremises 'Microsoft.Synapse/workspaces/integrationRuntimes@2021-06-01' = {
  name: 'rc-dev-billing-synapse-nj66e/onpremises'
  properties: {
    type: 'SelfHosted'
    description: 'On-premises sources of billing/customers, billing/invoices'
  }
}
