targetScope = 'subscription'

metadata description = 'Data management zone mgmt, rendered by relecloud.'

@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdMgmtNetwork 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-mgmt-network'
  location: location
  tags: tags
}

resource rcPrdMgmtLogging 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-mgmt-logging'
  location: location
  tags: tags
}

resource rcPrdMgmtDns 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-mgmt-dns'
  location: location
  tags: tags
}

resource rcPrdMgmtGovernance 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-mgmt-governance'
  location: location
  tags: tags
}

resource rcPrdMgmtContainer 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-mgmt-container'
  location: location
  tags: tags
}

resource rcPrdMgmtConsumption 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-prd-mgmt-consumption'
  location: location
  tags: tags
}

module mgmtNetwork 'modules/mgmtNetwork.bicep' = {
  name: 'mgmt-network'
  scope: resourceGroup('rc-prd-mgmt-network')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtNetwork
    mgmtLogAnalytics
  ]
}

module mgmtLogAnalytics 'modules/mgmtLogAnalytics.bicep' = {
  name: 'mgmt-logAnalytics'
  scope: resourceGroup('rc-prd-mgmt-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtLogging
  ]
}

module mgmtPrivateDnsZones 'modules/mgmtPrivateDnsZones.bicep' = {
  name: 'mgmt-privateDnsZones'
  scope: resourceGroup('rc-prd-mgmt-dns')
  params: {
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtDns
    mgmtNetwork
  ]
}

module mgmtMonitorPrivateLinkScope 'modules/mgmtMonitorPrivateLinkScope.bicep' = {
  name: 'mgmt-monitorPrivateLinkScope'
  scope: resourceGroup('rc-prd-mgmt-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtLogging
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPrivateDnsZones
  ]
}

module mgmtPurview 'modules/mgmtPurview.bicep' = {
  name: 'mgmt-purview'
  scope: resourceGroup('rc-prd-mgmt-governance')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtGovernance
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPrivateDnsZones
  ]
}

module mgmtKeyVault 'modules/mgmtKeyVault.bicep' = {
  name: 'mgmt-keyVault'
  scope: resourceGroup('rc-prd-mgmt-governance')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtGovernance
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPurview
    mgmtPrivateDnsZones
  ]
}

module mgmtContainerRegistry 'modules/mgmtContainerRegistry.bicep' = {
  name: 'mgmt-containerRegistry'
  scope: resourceGroup('rc-prd-mgmt-container')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtContainer
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPrivateDnsZones
  ]
}

module mgmtSynapsePrivateLinkHub 'modules/mgmtSynapsePrivateLinkHub.bicep' = {
  name: 'mgmt-synapsePrivateLinkHub'
  scope: resourceGroup('rc-prd-mgmt-consumption')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcPrdMgmtConsumption
    mgmtNetwork
    mgmtPrivateDnsZones
  ]
}

module mgmtPolicy 'modules/mgmtPolicy.bicep' = {
  name: 'mgmt-policy'
}

module mgmtAdminAccessMgmtGovernance 'modules/mgmtAdminAccessMgmtGovernance.bicep' = {
  name: 'mgmt-adminAccessMgmtGovernance'
  scope: resourceGroup('rc-prd-mgmt-governance')
  dependsOn: [
    rcPrdMgmtGovernance
    mgmtKeyVault
  ]
}

@description('Resource id of the management zone\'s virtual network.')
output networkVnetId string = mgmtNetwork.outputs.vnetId

@description('Private IP of the firewall: the DNS server and next hop of every landing zone.')
output networkFirewallPrivateIp string = mgmtNetwork.outputs.firewallPrivateIp

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsWorkspaceId string = mgmtLogAnalytics.outputs.workspaceId

@description('Resource id of the Purview account.')
output purviewPurviewId string = mgmtPurview.outputs.purviewId

@description('URI of the Key Vault.')
output keyVaultVaultUri string = mgmtKeyVault.outputs.vaultUri
