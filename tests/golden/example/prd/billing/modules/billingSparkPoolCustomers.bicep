@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-billing-log'
  scope: resourceGroup('rc-prd-billing-logging')
}

resource customers 'Microsoft.Synapse/workspaces/bigDataPools@2021-06-01' = {
  name: 'rc-prd-billing-synapse-5jvvb/customers'
  location: location
  tags: union(tags, { CostAllocation: 'billing/customers', DataIntegration: 'customers' })
  properties: {
    sparkVersion: '3.4'
    nodeSizeFamily: 'MemoryOptimized'
    nodeSize: 'Medium'
    autoScale: {
      enabled: true
      minNodeCount: 3
      maxNodeCount: 20
    }
    autoPause: {
      enabled: true
      delayInMinutes: 15
    }
    dynamicExecutorAllocation: {
      enabled: true
      minExecutors: 1
      maxExecutors: 19
    }
    isAutotuneEnabled: false
    sessionLevelPackagesEnabled: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: customers
  properties: {
    workspaceId: rcPrdBillingLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
