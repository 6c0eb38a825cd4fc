@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

resource rcDevBillingVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-dev-billing-vnet'
  scope: resourceGroup(billingSubscriptionId, 'rc-dev-billing-network')
}

resource rcDevBillingVnet 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-09-01' = {
  name: 'rc-dev-operations-vnet/rc-dev-billing-vnet'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: rcDevBillingVnet2.id
    }
  }
}
