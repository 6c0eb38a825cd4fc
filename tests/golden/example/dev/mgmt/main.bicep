targetScope = 'subscription'

metadata description = 'Data management zone mgmt, rendered by relecloud.'

@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevMgmtNetwork 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-mgmt-network'
  location: location
  tags: tags
}

resource rcDevMgmtLogging 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-mgmt-logging'
  location: location
  tags: tags
}

resource rcDevMgmtDns 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-mgmt-dns'
  location: location
  tags: tags
}

resource rcDevMgmtGovernance 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-mgmt-governance'
  location: location
  tags: tags
}

resource rcDevMgmtContainer 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-mgmt-container'
  location: location
  tags: tags
}

resource rcDevMgmtConsumption 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rc-dev-mgmt-consumption'
  location: location
  tags: tags
}

module mgmtNetwork 'modules/mgmtNetwork.bicep' = {
  name: 'mgmt-network'
  scope: resourceGroup('rc-dev-mgmt-network')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtNetwork
    mgmtLogAnalytics
  ]
}

module mgmtLogAnalytics 'modules/mgmtLogAnalytics.bicep' = {
  name: 'mgmt-logAnalytics'
  scope: resourceGroup('rc-dev-mgmt-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtLogging
  ]
}

module mgmtPrivateDnsZones 'modules/mgmtPrivateDnsZones.bicep' = {
  name: 'mgmt-privateDnsZones'
  scope: resourceGroup('rc-dev-mgmt-dns')
  params: {
    tags: tags
  }
  dependsOn: [
    rcDevMgmtDns
    mgmtNetwork
  ]
}

module mgmtMonitorPrivateLinkScope 'modules/mgmtMonitorPrivateLinkScope.bicep' = {
  name: 'mgmt-monitorPrivateLinkScope'
  scope: resourceGroup('rc-dev-mgmt-logging')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtLogging
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPrivateDnsZones
  ]
}

module mgmtPurview 'modules/mgmtPurview.bicep' = {
  name: 'mgmt-purview'
  scope: resourceGroup('rc-dev-mgmt-governance')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtGovernance
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPrivateDnsZones
  ]
}

module mgmtKeyVault 'modules/mgmtKeyVault.bicep' = {
  name: 'mgmt-keyVault'
  scope: resourceGroup('rc-dev-mgmt-governance')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtGovernance
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPurview
    mgmtPrivateDnsZones
  ]
}

module mgmtContainerRegistry 'modules/mgmtContainerRegistry.bicep' = {
  name: 'mgmt-containerRegistry'
  scope: resourceGroup('rc-dev-mgmt-container')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtContainer
    mgmtNetwork
    mgmtLogAnalytics
    mgmtPrivateDnsZones
  ]
}

module mgmtSynapsePrivateLinkHub 'modules/mgmtSynapsePrivateLinkHub.bicep' = {
  name: 'mgmt-synapsePrivateLinkHub'
  scope: resourceGroup('rc-dev-mgmt-consumption')
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    rcDevMgmtConsumption
    mgmtNetwork
    mgmtPrivateDnsZones
  ]
}

module mgmtPolicy 'modules/mgmtPolicy.bicep' = {
  name: 'mgmt-policy'
}

module mgmtAdminAccessMgmtGovernance 'modules/mgmtAdminAccessMgmtGovernance.bicep' = {
  name: 'mgmt-adminAccessMgmtGovernance'
  scope: resourceGroup('rc-dev-mgmt-governance')
  dependsOn: [
    rcDevMgmtGovernance
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
