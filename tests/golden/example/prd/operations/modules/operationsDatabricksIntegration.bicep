@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdOperationsIntegrationDbwManaged 'Microsoft.Resources/resourceGroups@2025-04-01' existing = {
  name: 'rc-prd-operations-integration-dbw-managed'
  scope: subscription()
}

resource rcPrdOperationsVnet 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet'
  scope: resourceGroup('rc-prd-operations-network')
}

resource services 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/services'
  scope: resourceGroup('rc-prd-operations-network')
}

resource privatelinkAzuredatabricksNet 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: 'privatelink.azuredatabricks.net'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-dns')
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcPrdOperationsIntegrationDbw 'Microsoft.Databricks/workspaces@2026-01-01' = {
  name: 'rc-prd-operations-integration-dbw'
  location: location
  tags: tags
  sku: {
    name: 'premium'
  }
  properties: {
    computeMode: 'Hybrid'
    managedResourceGroupId: rcPrdOperationsIntegrationDbwManaged.id
    publicNetworkAccess: 'Disabled'
    requiredNsgRules: 'NoAzureDatabricksRules'
    parameters: {
      customVirtualNetworkId: {
        value: rcPrdOperationsVnet.id
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

resource rcPrdOperationsIntegrationDbwUiApiPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-integration-dbw-ui-api-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-integration-dbw-ui-api-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-integration-dbw-ui-api-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsIntegrationDbw.id
          groupIds: [
            'databricks_ui_api'
          ]
        }
      }
    ]
  }
}

resource default 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-integration-dbw-ui-api-pe/default'
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
    rcPrdOperationsIntegrationDbwUiApiPe
  ]
}

resource rcPrdOperationsIntegrationDbwAuthPe 'Microsoft.Network/privateEndpoints@2025-09-01' = {
  name: 'rc-prd-operations-integration-dbw-auth-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: services.id
    }
    customNetworkInterfaceName: 'rc-prd-operations-integration-dbw-auth-pe-nic'
    privateLinkServiceConnections: [
      {
        name: 'rc-prd-operations-integration-dbw-auth-pe'
        properties: {
          privateLinkServiceId: rcPrdOperationsIntegrationDbw.id
          groupIds: [
            'browser_authentication'
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-09-01' = {
  name: 'rc-prd-operations-integration-dbw-auth-pe/default'
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
    rcPrdOperationsIntegrationDbwAuthPe
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdOperationsIntegrationDbw
  properties: {
    workspaceId: rcPrdOperationsLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

@description('URL of the Databricks workspace (reached privately).')
output workspaceUrl string = rcPrdOperationsIntegrationDbw.properties.workspaceUrl
