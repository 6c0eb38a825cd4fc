@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevBillingLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-billing-log'
  scope: resourceGroup('rc-dev-billing-logging')
}

resource customers 'Microsoft.Synapse/workspaces/bigDataPools@2021-06-01' = {
  name: 'rc-dev-billing-synapse-nj66e/customers'
  location: location
  tags: union(tags, { CostAllocation: 'billing/customers', DataIntegration: 'customers' })
  properties: {
    sparkVersion: '3.4'
    nodeSizeFamily: 'MemoryOptimized'
    nodeSize: 'Small'
    autoScale: {
      enabled: true
      minNodeCount: 3
      maxNodeCount: 10
    }
    autoPause: {
      enabled: true
      delayInMinutes: 15
    }
    dynamicExecutorAllocation: {
      enabled: true
      minExecutors: 1
      maxExecutors: 9
    }
    isAutotuneEnabled: false
    sessionLevelPackagesEnabled: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: customers
  properties: {
    workspaceId: rcDevBillingLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
