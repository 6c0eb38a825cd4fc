@description('Subscription of the data landing zone billing.')
param billingSubscriptionId string

resource rcPrdBillingVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-prd-billing-vnet'
  scope: resourceGroup(billingSubscriptionId, 'rc-prd-billing-network')
}

resource rcPrdBillingVnet 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-09-01' = {
  name: 'rc-prd-mgmt-vnet/rc-prd-billing-vnet'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: rcPrdBillingVnet2.id
    }
  }
}
