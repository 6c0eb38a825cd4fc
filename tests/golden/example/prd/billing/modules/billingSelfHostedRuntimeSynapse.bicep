resource onpremises 'Microsoft.Synapse/workspaces/integrationRuntimes@2021-06-01' = {
  name: 'rc-prd-billing-synapse-5jvvb/onpremises'
  properties: {
    type: 'SelfHosted'
    description: 'On-premises sources of billing/customers, billing/invoices'
  }
}
