@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

resource rcPrdOperationsVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet'
  scope: resourceGroup(operationsSubscriptionId, 'rc-prd-operations-network')
}

resource rcPrdOperationsVnet 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2025-09-01' = {
  name: 'rc-prd-mgmt-vnet/rc-prd-operations-vnet'
  properties: {
    allowVirtualNetworkAccess: true
    allowForwardedTraffic: true
    allowGatewayTransit: false
    useRemoteGateways: false
    remoteVirtualNetwork: {
      id: rcPrdOperationsVnet2.id
    }
  }
}
