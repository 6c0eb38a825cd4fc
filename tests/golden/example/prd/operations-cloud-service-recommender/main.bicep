metadata description = 'Data product operations-cloud-service-recommender, rendered by relecloud. Recommends cloud services to customers from their usage'

@description('Base64 PFX (no password) with the certificate and private key of the model\'s public hostname; written into the product\'s Key Vault, where the application gateway reads it. Supplied at deploy time, never stored on disk.')
@secure()
param gatewayTlsCertificate string

@description('Azure region of the unit\'s resources.')
param location string

@description('Subscription of the data management zone (private DNS zones, firewall, Purview, logs).')
param managementSubscriptionId string

@description('Subscription of the data landing zone operations.')
param operationsSubscriptionId string

@description('PEM certificate of the model\'s scoring endpoint (its serving hostname), for the Machine Learning extension\'s inference router; supplied at deploy time, never stored.')
@secure()
param scoringTlsCertificate string

@description('PEM private key of that certificate; supplied at deploy time, never stored.')
@secure()
param scoringTlsPrivateKey string

@description('Base64 (DER) of the root CA certificate that issued scoringTlsCertificate: the model\'s public entry verifies the scoring endpoint against it. Public, but supplied with the certificates at deploy time.')
@secure()
param scoringTlsRootCertificate string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

module operationsCloudServiceRecommenderKeyVault 'modules/operationsCloudServiceRecommenderKeyVault.bicep' = {
  name: 'operations-cloud-service-recommender-keyVault'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
}

module operationsCloudServiceRecommenderStorage 'modules/operationsCloudServiceRecommenderStorage.bicep' = {
  name: 'operations-cloud-service-recommender-storage'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
}

module operationsCloudServiceRecommenderContainerRegistry 'modules/operationsCloudServiceRecommenderContainerRegistry.bicep' = {
  name: 'operations-cloud-service-recommender-containerRegistry'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
}

module operationsCloudServiceRecommenderApplicationInsights 'modules/operationsCloudServiceRecommenderApplicationInsights.bicep' = {
  name: 'operations-cloud-service-recommender-applicationInsights'
  params: {
    location: location
    tags: tags
  }
}

module operationsCloudServiceRecommenderMonitorScopeLink 'modules/operationsCloudServiceRecommenderMonitorScopeLink.bicep' = {
  name: 'operations-cloud-service-recommender-monitorScopeLink'
  scope: resourceGroup(managementSubscriptionId, 'rc-prd-mgmt-logging')
  params: {
    operationsSubscriptionId: operationsSubscriptionId
  }
  dependsOn: [
    operationsCloudServiceRecommenderApplicationInsights
  ]
}

module operationsCloudServiceRecommenderMachineLearning 'modules/operationsCloudServiceRecommenderMachineLearning.bicep' = {
  name: 'operations-cloud-service-recommender-machineLearning'
  params: {
    location: location
    managementSubscriptionId: managementSubscriptionId
    tags: tags
  }
  dependsOn: [
    operationsCloudServiceRecommenderKeyVault
    operationsCloudServiceRecommenderStorage
    operationsCloudServiceRecommenderContainerRegistry
    operationsCloudServiceRecommenderApplicationInsights
  ]
}

module operationsCloudServiceRecommenderTrainingCompute 'modules/operationsCloudServiceRecommenderTrainingCompute.bicep' = {
  name: 'operations-cloud-service-recommender-trainingCompute'
  params: {
    location: location
    tags: tags
  }
  dependsOn: [
    operationsCloudServiceRecommenderMachineLearning
  ]
}

module operationsCloudServiceRecommenderAksIdentity 'modules/operationsCloudServiceRecommenderAksIdentity.bicep' = {
  name: 'operations-cloud-service-recommender-aksIdentity'
  params: {
    location: location
    tags: tags
  }
}

module operationsCloudServiceRecommenderAksNetworkAccess 'modules/operationsCloudServiceRecommenderAksNetworkAccess.bicep' = {
  name: 'operations-cloud-service-recommender-aksNetworkAccess'
  scope: resourceGroup('rc-prd-operations-network')
  dependsOn: [
    operationsCloudServiceRecommenderAksIdentity
  ]
}

module operationsCloudServiceRecommenderAks 'modules/operationsCloudServiceRecommenderAks.bicep' = {
  name: 'operations-cloud-service-recommender-aks'
  params: {
    location: location
    scoringTlsCertificate: scoringTlsCertificate
    scoringTlsPrivateKey: scoringTlsPrivateKey
    tags: tags
  }
  dependsOn: [
    operationsCloudServiceRecommenderAksNetworkAccess
    operationsCloudServiceRecommenderMachineLearning
    operationsCloudServiceRecommenderContainerRegistry
  ]
}

module operationsCloudServiceRecommenderGateway 'modules/operationsCloudServiceRecommenderGateway.bicep' = {
  name: 'operations-cloud-service-recommender-gateway'
  params: {
    gatewayTlsCertificate: gatewayTlsCertificate
    location: location
    scoringTlsRootCertificate: scoringTlsRootCertificate
    tags: tags
  }
  dependsOn: [
    operationsCloudServiceRecommenderKeyVault
    operationsCloudServiceRecommenderAks
  ]
}

module operationsCloudServiceRecommenderDataAccess 'modules/operationsCloudServiceRecommenderDataAccess.bicep' = {
  name: 'operations-cloud-service-recommender-dataAccess'
  scope: resourceGroup('rc-prd-operations-storage')
  dependsOn: [
    operationsCloudServiceRecommenderMachineLearning
  ]
}

module operationsCloudServiceRecommenderOutboundRules 'modules/operationsCloudServiceRecommenderOutboundRules.bicep' = {
  name: 'operations-cloud-service-recommender-outboundRules'
  dependsOn: [
    operationsCloudServiceRecommenderMachineLearning
  ]
}

module operationsCloudServiceRecommenderAdminAccess 'modules/operationsCloudServiceRecommenderAdminAccess.bicep' = {
  name: 'operations-cloud-service-recommender-adminAccess'
  dependsOn: [
    operationsCloudServiceRecommenderKeyVault
    operationsCloudServiceRecommenderMachineLearning
    operationsCloudServiceRecommenderTrainingCompute
    operationsCloudServiceRecommenderAks
    operationsCloudServiceRecommenderGateway
    operationsCloudServiceRecommenderOutboundRules
  ]
}

@description('URI of the Key Vault.')
output keyVaultVaultUri string = operationsCloudServiceRecommenderKeyVault.outputs.vaultUri

@description('Resource id of the Machine Learning workspace.')
output machineLearningWorkspaceId string = operationsCloudServiceRecommenderMachineLearning.outputs.workspaceId

@description('Azure DNS name of the model\'s public entry.')
output gatewayPublicFqdn string = operationsCloudServiceRecommenderGateway.outputs.publicFqdn

@description('The name callers outside the data platform use (the gateway certificate\'s name).')
output gatewayPublicHostname string = operationsCloudServiceRecommenderGateway.outputs.publicHostname
