@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-mgmt-vnet/services'
  scope: resourceGroup('rc-dev-mgmt-network')
}

resource privatelinkAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azuresynapse.net'
  scope: resourceGroup('rc-dev-mgmt-dns')
}

resource rcdevmgmtplhubshixr 'Microsoft.Synapse/privateLinkHubs@2021-06-01' = {
  name: 'rcdevmgmtplhubshixr'
  location: location
  tags: tags
}

resource rcdevmgmtplhubshixrWebPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rcdevmgmtplhubshixr-web-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rcdevmgmtplhubshixr-web-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rcdevmgmtplhubshixr-web-pe'
        properties: {
          privateLinkServiceId: rcdevmgmtplhubshixr.id
          groupIds: [
            'web'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rcdevmgmtplhubshixr-web-pe/default'
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
    rcdevmgmtplhubshixrWebPe
  ]
}
