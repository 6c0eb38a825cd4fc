@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

resource rcPrdMgmtVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-network')
}

resource rcPrdMgmtVnet 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-09-01' = {
  name: 'rc-prd-billing-vnet/rc-prd-mgmt-vnet'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: rcPrdMgmtVnet2.id
    }
  }
}
