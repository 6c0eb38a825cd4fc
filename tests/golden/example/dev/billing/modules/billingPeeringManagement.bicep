@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

resource rcDevMgmtVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-dev-mgmt-vnet'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-network')
}

resource rcDevMgmtVnet 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-09-01' = {
  name: 'rc-dev-billing-vnet/rc-dev-mgmt-vnet'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
}
