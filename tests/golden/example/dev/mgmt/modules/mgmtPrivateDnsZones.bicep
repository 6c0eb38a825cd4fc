@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevMgmtVnet2 'Microsoft.Network/virtualNetworks@2025-09-01' existing = {
  name: 'rc-dev-mgmt-vnet'
  scope: resourceGroup('rc-dev-mgmt-network')
}

resource privatelinkBlob 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource rcDevMgmtVnet 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.blob.${environment().suffixes.storage}/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkBlob
  ]
}

resource privatelinkDfs 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.dfs.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.dfs.${environment().suffixes.storage}/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkDfs
  ]
}

resource privatelinkQueue 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.queue.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink2 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.queue.${environment().suffixes.storage}/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkQueue
  ]
}

resource privatelinkFile 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.file.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink3 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.file.${environment().suffixes.storage}/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkFile
  ]
}

resource privatelinkVaultcoreAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink4 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.vaultcore.azure.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkVaultcoreAzureNet
  ]
}

resource privatelinkAzurecrIo 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink5 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.azurecr.io/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkAzurecrIo
  ]
}

resource privatelinkPurviewAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.purview.azure.com'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink6 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.purview.azure.com/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkPurviewAzureCom
  ]
}

resource privatelinkPurviewstudioAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.purviewstudio.azure.com'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink7 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.purviewstudio.azure.com/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkPurviewstudioAzureCom
  ]
}

resource privatelinkAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.azuresynapse.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink8 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.azuresynapse.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkAzuresynapseNet
  ]
}

resource privatelinkSqlAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.sql.azuresynapse.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink9 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.sql.azuresynapse.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkSqlAzuresynapseNet
  ]
}

resource privatelinkDevAzuresynapseNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.dev.azuresynapse.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink10 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.dev.azuresynapse.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkDevAzuresynapseNet
  ]
}

resource privatelinkDatafactoryAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.datafactory.azure.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink11 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.datafactory.azure.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkDatafactoryAzureNet
  ]
}

resource privatelinkAdfAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.adf.azure.com'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink12 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.adf.azure.com/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkAdfAzureCom
  ]
}

resource privatelinkAzuredatabricksNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.azuredatabricks.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink13 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.azuredatabricks.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkAzuredatabricksNet
  ]
}

resource privatelinkApiAzuremlMs 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.api.azureml.ms'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink14 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.api.azureml.ms/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkApiAzuremlMs
  ]
}

resource privatelinkNotebooksAzureNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.notebooks.azure.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink15 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.notebooks.azure.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkNotebooksAzureNet
  ]
}

resource privatelinkMonitorAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.monitor.azure.com'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink16 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.monitor.azure.com/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkMonitorAzureCom
  ]
}

resource privatelinkOmsOpinsightsAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.oms.opinsights.azure.com'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink17 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.oms.opinsights.azure.com/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkOmsOpinsightsAzureCom
  ]
}

resource privatelinkOdsOpinsightsAzureCom 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.ods.opinsights.azure.com'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink18 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.ods.opinsights.azure.com/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkOdsOpinsightsAzureCom
  ]
}

resource privatelinkAgentsvcAzureAutomationNet 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.agentsvc.azure-automation.net'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink19 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'privatelink.agentsvc.azure-automation.net/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    privatelinkAgentsvcAzureAutomationNet
  ]
}

resource cloudServiceRecommenderOperationsRcInternal 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'cloud-service-recommender.operations.rc.internal'
  location: 'global'
  tags: tags
}

resource virtualNetworkLink20 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  name: 'cloud-service-recommender.operations.rc.internal/rc-dev-mgmt-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: rcDevMgmtVnet2.id
    }
  }
  dependsOn: [
    cloudServiceRecommenderOperationsRcInternal
  ]
}
