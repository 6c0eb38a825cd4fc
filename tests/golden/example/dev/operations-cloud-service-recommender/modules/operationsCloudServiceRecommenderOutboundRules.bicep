resource rcdevopeencurrezon 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevopeencurrezon'
  scope: resourceGroup('rc-dev-operations-storage')
}

resource rcdevoperationsworkmlrqg 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevoperationsworkmlrqg'
  scope: resourceGroup('rc-dev-operations-storage')
}

resource rcdevoperationsrawoz6qy 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: 'rcdevoperationsrawoz6qy'
  scope: resourceGroup('rc-dev-operations-storage')
}

resource rcdevopeencurrezonDfs 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/rcdevopeencurrezon-dfs'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcdevopeencurrezon.id
      subresourceTarget: 'dfs'
      sparkEnabled: false
    }
  }
}

resource rcdevopeencurrezonBlob 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/rcdevopeencurrezon-blob'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcdevopeencurrezon.id
      subresourceTarget: 'blob'
      sparkEnabled: false
    }
  }
}

resource rcdevoperationsworkmlrqgDfs 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/rcdevoperationsworkmlrqg-dfs'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcdevoperationsworkmlrqg.id
      subresourceTarget: 'dfs'
      sparkEnabled: false
    }
  }
}

resource rcdevoperationsworkmlrqgBlob 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/rcdevoperationsworkmlrqg-blob'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcdevoperationsworkmlrqg.id
      subresourceTarget: 'blob'
      sparkEnabled: false
    }
  }
}

resource rcdevoperationsrawoz6qyDfs 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/rcdevoperationsrawoz6qy-dfs'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcdevoperationsrawoz6qy.id
      subresourceTarget: 'dfs'
      sparkEnabled: false
    }
  }
}

resource rcdevoperationsrawoz6qyBlob 'Microsoft.MachineLearningServices/workspaces/outboundRules@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/rcdevoperationsrawoz6qy-blob'
  properties: {
    type: 'PrivateEndpoint'
    category: 'UserDefined'
    destination: {
      serviceResourceId: rcdevoperationsrawoz6qy.id
      subresourceTarget: 'blob'
      sparkEnabled: false
    }
  }
}

resource operationsCloudServiceRecommender 'Microsoft.MachineLearningServices/workspaces/datastores@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/operations_cloud_service_recommender'
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: 'operations/cloud-service-recommender writes'
    accountName: 'rcdevopeencurrezon'
    filesystem: 'cloud-service-recommender'
    subscriptionId: subscription().subscriptionId
    resourceGroup: 'rc-dev-operations-storage'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}

resource operationsServiceTelemetry 'Microsoft.MachineLearningServices/workspaces/datastores@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/operations_service_telemetry'
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: 'operations/cloud-service-recommender reads operations/service-telemetry'
    accountName: 'rcdevoperationsrawoz6qy'
    filesystem: 'service-telemetry'
    subscriptionId: subscription().subscriptionId
    resourceGroup: 'rc-dev-operations-storage'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}

resource operationsCloudAccounts 'Microsoft.MachineLearningServices/workspaces/datastores@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/operations_cloud_accounts'
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: 'operations/cloud-service-recommender reads operations/cloud-accounts'
    accountName: 'rcdevopeencurrezon'
    filesystem: 'cloud-accounts'
    subscriptionId: subscription().subscriptionId
    resourceGroup: 'rc-dev-operations-storage'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}
