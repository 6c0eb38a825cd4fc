targetScope = 'subscription'

metadata description = 'Data landing zone billing, rendered by relecloud. Customer billing'

@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

@description('Azure region of the unit\'s resources.')
param location string

@description('Private IP of the management zone\'s firewall: next hop for egress and DNS proxy.')
param managementFirewallPrivateIp string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdBillingNetwork 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-billing-network'
  location: location
  tags: tags
}

resource rcPrdBillingLogging 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-billing-logging'
  location: location
  tags: tags
}

resource rcPrdBillingStorage 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-billing-storage'
  location: location
  tags: tags
}

resource rcPrdBillingSharedProduct 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-billing-shared-product'
  location: location
  tags: tags
}

resource rcPrdBillingRevenueByService 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-billing-revenue-by-service'
  location: location
  tags: tags
}

module billingNetwork 'modules/billingNetwork.bicep' = {
  name: 'billing-network'
  scope: resourceGroup('rc-prd-billing-network')
  params: {
    location: location
    managementFirewallPrivateIp: managementFirewallPrivateIp
    tags: tags
  }
  dependsOn: [
    rcPrdBillingNetwork
  ]
}

module billingPeeringManagement 'modules/billingPeeringManagement.bicep' = {
  name: 'billing-peeringManagement'
  scope: resourceGroup('rc-prd-billing-network')
  params: {
    managementSubscriptionId: managementSubscriptionId
  }
  dependsOn: [
    rcPrdBillingNetwork
    billingNetwork
  ]
}

module billingPeeringManagementReverse 'modules/billingPeeringManagementReverse.bicep' = {
  name: 'billing-peeringManagementReverse'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-network')
  params: {
    billingSubscriptionId: billingSubscriptionId
  }
  dependsOn: [
    billingNetwork
  ]
}

module billingPeeringOperations 'modules/billingPeeringOperations.bicep' = {
  name: 'billing-peeringOperations'
  scope: resourceGroup('rc-prd-billing-network')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    rcPrdBillingNetwork
    billingNetwork
  ]
}

module billingPeeringOperationsReverse 'modules/billingPeeringOperationsReverse.bicep' = {
  name: 'billing-peeringOperationsReverse'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-network')
  params: {
    billingSubscriptionId: billingSubscriptionId
  }
  dependsOn: [
    billingNetwork
  ]
}

module billingLogAnalytics 'modules/billingLogAnalytics.bicep' = {
  name: 'billing-logAnalytics'
  scope: resourceGroup('rc-prd-billing-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdBillingLogging
    billingNetwork
  ]
}

module billingMonitorScopeLink 'modules/billingMonitorScopeLink.bicep' = {
  name: 'billing-monitorScopeLink'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-logging')
  params: {
    billingSubscriptionId: billingSubscriptionId
  }
  dependsOn: [
    billingLogAnalytics
  ]
}

module billingLakeRaw 'modules/billingLakeRaw.bicep' = {
  name: 'billing-lakeRaw'
  scope: resourceGroup('rc-prd-billing-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdBillingStorage
    billingNetwork
    billingLogAnalytics
  ]
}

module billingLakeEnrichedCurated 'modules/billingLakeEnrichedCurated.bicep' = {
  name: 'billing-lakeEnrichedCurated'
  scope: resourceGroup('rc-prd-billing-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdBillingStorage
    billingNetwork
    billingLogAnalytics
  ]
}

module billingLakeWorkspace 'modules/billingLakeWorkspace.bicep' = {
  name: 'billing-lakeWorkspace'
  scope: resourceGroup('rc-prd-billing-storage')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdBillingStorage
    billingNetwork
    billingLogAnalytics
  ]
}

module billingSynapse 'modules/billingSynapse.bicep' = {
  name: 'billing-synapse'
  scope: resourceGroup('rc-prd-billing-shared-product')
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    rcPrdBillingSharedProduct
    billingNetwork
    billingLakeWorkspace
    billingLogAnalytics
  ]
}

module billingSelfHostedRuntimeSynapse 'modules/billingSelfHostedRuntimeSynapse.bicep' = {
  name: 'billing-selfHostedRuntimeSynapse'
  scope: resourceGroup('rc-prd-billing-shared-product')
  dependsOn: [
    rcPrdBillingSharedProduct
    billingSynapse
  ]
}

module billingSparkPoolCustomers 'modules/billingSparkPoolCustomers.bicep' = {
  name: 'billing-sparkPoolCustomers'
  scope: resourceGroup('rc-prd-billing-shared-product')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdBillingSharedProduct
    billingSynapse
    billingLogAnalytics
  ]
}

module billingSparkPoolInvoices 'modules/billingSparkPoolInvoices.bicep' = {
  name: 'billing-sparkPoolInvoices'
  scope: resourceGroup('rc-prd-billing-shared-product')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdBillingSharedProduct
    billingSynapse
    billingLogAnalytics
  ]
}

module billingPurviewAccess 'modules/billingPurviewAccess.bicep' = {
  name: 'billing-purviewAccess'
  params: {
    managementSubscriptionId: managementSubscriptionId
  }
}

module billingPolicy 'modules/billingPolicy.bicep' = {
  name: 'billing-policy'
}

module billingDataAccess 'modules/billingDataAccess.bicep' = {
  name: 'billing-dataAccess'
  scope: resourceGroup('rc-prd-billing-storage')
  dependsOn: [
    rcPrdBillingStorage
    billingSynapse
    billingLakeRaw
    billingLakeEnrichedCurated
    billingLakeWorkspace
  ]
}

module billingSynapseAdministrator 'modules/billingSynapseAdministrator.bicep' = {
  name: 'billing-synapseAdministrator'
  scope: resourceGroup('rc-prd-billing-shared-product')
  dependsOn: [
    rcPrdBillingSharedProduct
    billingSynapse
  ]
}

@description('Resource id of the landing zone\'s virtual network.')
output networkVnetId string = billingNetwork.outputs.vnetId

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsWorkspaceId string = billingLogAnalytics.outputs.workspaceId
