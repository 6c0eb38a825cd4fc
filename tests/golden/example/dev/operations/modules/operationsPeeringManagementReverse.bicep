@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcDevOperationsVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet'
  scope: resourceGroup(operationsSubscriptionId, 'rc-dev-operations-network')
}

resource rcDevOperationsVnet 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-09-01' = {
  name: 'rc-dev-mgmt-vnet/rc-dev-operations-vnet'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: rcDevOperationsVnet2.id
    }
  }
}
