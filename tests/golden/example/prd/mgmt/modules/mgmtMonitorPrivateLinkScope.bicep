@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-mgmt-log'
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet/services'
  scope: resourceGroup('rc-prd-mgmt-network')
}

resource privatelinkMonitorAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.monitor.azure.com'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkOmsOpinsightsAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.oms.opinsights.azure.com'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkOdsOpinsightsAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.ods.opinsights.azure.com'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkAgentsvcAzureAutomationNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.agentsvc.azure-automation.net'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  scope: resourceGroup('rc-prd-mgmt-dns')
}

resource rcPrdMgmtAmpls 'Microsoft.Insights/privateLinkScopes@2021-09-01' = {
  name: 'rc-prd-mgmt-ampls'
  location: 'global'
  tags: tags
  properties: {
    accessModeSettings: {
      ingestionAccessMode: 'PrivateOnly'
      queryAccessMode: 'Open'
    }
  }
}

resource mgmtRcPrdMgmtLog 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = {
  name: 'rc-prd-mgmt-ampls/mgmt-rc-prd-mgmt-log'
  properties: {
    linkedResourceId: rcPrdMgmtLog.id
  }
  dependsOn: [
    rcPrdMgmtAmpls
  ]
}

resource rcPrdMgmtAmplsAzuremonitorPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-mgmt-ampls-azuremonitor-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-mgmt-ampls-azuremonitor-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-mgmt-ampls-azuremonitor-pe'
        properties: {
          privateLinkServiceId: rcPrdMgmtAmpls.id
          groupIds: [
            'azuremonitor'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-ampls-azuremonitor-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'monitor'
        properties: {
          privateDnsZoneId: privatelinkMonitorAzureCom.id
        }
      }
      {
        name: 'monitorOms'
        properties: {
          privateDnsZoneId: privatelinkOmsOpinsightsAzureCom.id
        }
      }
      {
        name: 'monitorOds'
        properties: {
          privateDnsZoneId: privatelinkOdsOpinsightsAzureCom.id
        }
      }
      {
        name: 'monitorAgents'
        properties: {
          privateDnsZoneId: privatelinkAgentsvcAzureAutomationNet.id
        }
      }
      {
        name: 'blob'
        properties: {
          privateDnsZoneId: privatelinkBlob.id
        }
      }
    ]
  }
  dependsOn: [
    rcPrdMgmtAmplsAzuremonitorPe
  ]
}
