@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet/services'
  scope: resourceGroup('rc-prd-mgmt-network')
}

resource privatelinkAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azuresynapse.net'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource rcprdmgmtplhubz4i5z 'Microsoft.Synapse/privateLinkHubs@2021-06-01' = {
  name: 'rcprdmgmtplhubz4i5z'
  location: location
  tags: tags
}

resource rcprdmgmtplhubz4i5zWebPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcprdmgmtplhubz4i5z-web-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcprdmgmtplhubz4i5z-web-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcprdmgmtplhubz4i5z-web-pe'
        properties: {
          privateLinkServiceId: rcprdmgmtplhubz4i5z.id
          groupIds: [
            'web'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcprdmgmtplhubz4i5z-web-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'synapseWeb'
        properties: {
          privateDnsZoneId: privatelinkAzuresynapseNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcprdmgmtplhubz4i5zWebPe
  ]
}
