@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource cpuTraining 'Microsoft.MachineLearningServices/workspaces/computes@2026-05-01' = {
  name: 'rc-prd-operations-cloud-se-261ab4/cpu-training'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    computeType: 'AmlCompute'
    computeLocation: location
    description: 'Training cluster (CPU); scales to zero when idle.'
    disableLocalAuth: true
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      osType: 'Linux'
      enableNodePublicIp: false
      remoteLoginPortPublicAccess: 'Disabled'
      scaleSettings: {
        minNodeCount: 0
        maxNodeCount: 4
        nodeIdleTimeBeforeScaleDown: 'PT120S'
      }
    }
  }
}
