resource rcprdopeencurl4alr 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdopeencurl4alr'
  scope: resourceGroup('rc-prd-operations-storage')
}

resource rcprdoperationsworkl4pb3 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdoperationsworkl4pb3'
  scope: resourceGroup('rc-prd-operations-storage')
}

resource rcprdoperationsrawiro6s 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcprdoperationsrawiro6s'
  scope: resourceGroup('rc-prd-operations-storage')
}

resource rcprdopeencurl4alrDfs 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/rcprdopeencurl4alr-dfs'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcprdopeencurl4alr.id
      subresourceTarget: 'dfs'
      sparkEnabled: false
    }
  }
}

resource rcprdopeencurl4alrBlob 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/rcprdopeencurl4alr-blob'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcprdopeencurl4alr.id
      subresourceTarget: 'blob'
      sparkEnabled: false
    }
  }
}

resource rcprdoperationsworkl4pb3Dfs 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/rcprdoperationsworkl4pb3-dfs'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcprdoperationsworkl4pb3.id
      subresourceTarget: 'dfs'
      sparkEnabled: false
    }
  }
}

resource rcprdoperationsworkl4pb3Blob 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/rcprdoperationsworkl4pb3-blob'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcprdoperationsworkl4pb3.id
      subresourceTarget: 'blob'
      sparkEnabled: false
    }
  }
}

resource rcprdoperationsrawiro6sDfs 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/rcprdoperationsrawiro6s-dfs'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcprdoperationsrawiro6s.id
      subresourceTarget: 'dfs'
      sparkEnabled: false
    }
  }
}

resource rcprdoperationsrawiro6sBlob 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/rcprdoperationsrawiro6s-blob'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcprdoperationsrawiro6s.id
      subresourceTarget: 'blob'
      sparkEnabled: false
    }
  }
}

resource operationsCloudServiceRecommender 'Microsoft.MachineLearningServices/workspaces/datastores@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/operations_cloud_service_recommender'
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: 'operations/cloud-service-recommender writes'
    accountName: 'rcprdopeencurl4alr'
    filesystem: 'cloud-service-recommender'
    subscriptionId: subscription().subscriptionId
    resourceGroup: 'rc-prd-operations-storage'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}

resource operationsServiceTelemetry 'Microsoft.MachineLearningServices/workspaces/datastores@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/operations_service_telemetry'
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: 'operations/cloud-service-recommender reads operations/service-telemetry'
    accountName: 'rcprdoperationsrawiro6s'
    filesystem: 'service-telemetry'
    subscriptionId: subscription().subscriptionId
    resourceGroup: 'rc-prd-operations-storage'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}

resource operationsCloudAccounts 'Microsoft.MachineLearningServices/workspaces/datastores@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/operations_cloud_accounts'
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: 'operations/cloud-service-recommender reads operations/cloud-accounts'
    accountName: 'rcprdopeencurl4alr'
    filesystem: 'cloud-accounts'
    subscriptionId: subscription().subscriptionId
    resourceGroup: 'rc-prd-operations-storage'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}
