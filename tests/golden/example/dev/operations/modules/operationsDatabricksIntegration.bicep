@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevOperationsIntegrationDbwManaged 'Microsoft.Resources/resourceGroups@2025-04-01' existing = {
  name: 'rc-dev-operations-integration-dbw-managed'
  scope: subscription()
}

resource rcDevOperationsVnet 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet'
  scope: resourceGroup('rc-dev-operations-network')
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/services'
  scope: resourceGroup('rc-dev-operations-network')
}

resource privatelinkAzuredatabricksNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azuredatabricks.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-dev-mgmt-dns')
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcDevOperationsIntegrationDbw 'Microsoft.Databricks/workspaces@2026-01-01' = {
  name: 'rc-dev-operations-integration-dbw'
  location: location
  tags: tags
  sku: {
    name: 'premium'
  }
  properties: {
    computeMode: 'Hybrid'
    managedResourceGroupId: rcDevOperationsIntegrationDbwManaged.id
    publicNetworkAccess: 'Disabled'
    requiredNsgRules: 'NoAzureDatabricksRules'
    parameters: {
      customVirtualNetworkId: {
        value: rcDevOperationsVnet.id
      }
      customPublicSubnetName: {
        value: 'databricks-integration-public'
      }
      customPrivateSubnetName: {
        value: 'databricks-integration-private'
      }
      enableNoPublicIp: {
        value: true
      }
      prepareEncryption: {
        value: true
      }
      requireInfrastructureEncryption: {
        value: true
      }
    }
  }
}

resource rcDevOperationsIntegrationDbwUiApiPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-integration-dbw-ui-api-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-integration-dbw-ui-api-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-integration-dbw-ui-api-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsIntegrationDbw.id
          groupIds: [
            'databricks_ui_api'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-integration-dbw-ui-api-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'databricks'
        properties: {
          privateDnsZoneId: privatelinkAzuredatabricksNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevOperationsIntegrationDbwUiApiPe
  ]
}

resource rcDevOperationsIntegrationDbwAuthPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-dev-operations-integration-dbw-auth-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-dev-operations-integration-dbw-auth-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-dev-operations-integration-dbw-auth-pe'
        properties: {
          privateLinkServiceId: rcDevOperationsIntegrationDbw.id
          groupIds: [
            'browser_authentication'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-dev-operations-integration-dbw-auth-pe/default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'databricks'
        properties: {
          privateDnsZoneId: privatelinkAzuredatabricksNet.id
        }
      }
    ]
  }
  dependsOn: [
    rcDevOperationsIntegrationDbwAuthPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevOperationsIntegrationDbw
  properties: {
    workspaceId: rcDevOperationsLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

@description('URL of the Databricks workspace (reached privately).')
output workspaceUrl string = rcDevOperationsIntegrationDbw.properties.workspaceUrl
