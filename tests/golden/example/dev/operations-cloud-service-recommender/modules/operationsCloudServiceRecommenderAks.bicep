@description('Azure region of the unit\'s resources.')
param location string

@description('PEM certificate of the model\'s scoring endpoint (its serving hostname), for the Machine Learning extension\'s inference router; supplied at deploy time, never stored.')
@secure()
param scoringTlsCertificate string

@description('PEM private key of that certificate; supplied at deploy time, never stored.')
@secure()
param scoringTlsPrivateKey string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevOperationsCloudServiceRecommenderAksId 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: 'rc-dev-operations-cloud-service-recommender-aks-id'
}

resource workloadCloudServiceRecommenderAks 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-dev-operations-vnet/workload-cloud-service-recommender-aks'
  scope: resourceGroup('rc-dev-operations-network')
}

resource rcdevoperationscloudservicerecommenderacrsa5d7 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: 'rcdevoperationscloudservicerecommenderacrsa5d7'
}

resource roleDefinition7f951dda4ed34680A7ca43fe172d538d 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  scope: subscription()
}

resource rcDevOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-dev-operations-log'
  scope: resourceGroup('rc-dev-operations-logging')
}

resource rcDevOperationsCloudServiceRecommenderAks 'Microsoft.ContainerService/managedClusters@2026-05-01' = {
  name: 'rc-dev-operations-cloud-service-recommender-aks'
  location: location
  tags: tags
  sku: {
    name: 'Base'
    tier: 'Standard'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${rcDevOperationsCloudServiceRecommenderAksId.id}': {}
    }
  }
  properties: {
    dnsPrefix: 'rc-dev-operations-cloud-service-recommender-aks'
    nodeResourceGroup: 'rc-dev-operations-cloud-service-recommender-managed'
    disableLocalAccounts: false
    enableRBAC: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      adminGroupObjectIDs: [
        '8e1f0c2a-0000-4000-8000-000000000101'
        '8e1f0c2a-0000-4000-8000-000000000111'
        '8e1f0c2a-0000-4000-8000-000000000131'
      ]
    }
    apiServerAccessProfile: {
      enablePrivateCluster: true
      privateDNSZone: 'none'
      enablePrivateClusterPublicFQDN: true
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4ds_v5'
        osType: 'Linux'
        osSKU: 'AzureLinux'
        type: 'VirtualMachineScaleSets'
        availabilityZones: [
          '1'
          '2'
          '3'
        ]
        enableNodePublicIP: false
        vnetSubnetID: workloadCloudServiceRecommenderAks.id
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: 'azure'
      outboundType: 'userDefinedRouting'
      loadBalancerSku: 'standard'
      serviceCidr: '172.16.0.0/16'
      dnsServiceIP: '172.16.0.10'
      podCidr: '10.244.0.0/16'
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    oidcIssuerProfile: {
      enabled: true
    }
  }
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcdevoperationscloudservicerecommenderacrsa5d7.id, rcDevOperationsCloudServiceRecommenderAks.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: rcdevoperationscloudservicerecommenderacrsa5d7
  properties: {
    roleDefinitionId: roleDefinition7f951dda4ed34680A7ca43fe172d538d.id
    principalId: rcDevOperationsCloudServiceRecommenderAks.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
  }
}

resource azureml 'Microsoft.KubernetesConfiguration/extensions@2025-03-01' = {
  name: 'azureml'
  scope: rcDevOperationsCloudServiceRecommenderAks
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    extensionType: 'Microsoft.AzureML.Kubernetes'
    releaseTrain: 'stable'
    autoUpgradeMinorVersion: true
    scope: {
      cluster: {
        releaseNamespace: 'azureml'
      }
    }
    configurationSettings: {
      enableTraining: 'False'
      enableInference: 'True'
      inferenceRouterServiceType: 'LoadBalancer'
      internalLoadBalancerProvider: 'azure'
      'scoringFe.serviceType.internalLoadBalancer': 'true'
      'scoringFe.serviceType.nodePort': 'false'
      cluster_name: rcDevOperationsCloudServiceRecommenderAks.id
      clusterId: rcDevOperationsCloudServiceRecommenderAks.id
      cluster_name_friendly: 'rc-dev-operations-cloud-service-recommender-aks'
      'prometheus.prometheusSpec.externalLabels.cluster_name': rcDevOperationsCloudServiceRecommenderAks.id
      location: location
      jobSchedulerLocation: location
      domain: '${location}.cloudapp.azure.com'
      inferenceRouterHA: 'True'
      allowInsecureConnections: 'False'
      sslCname: 'cloud-service-recommender.operations.rc.internal'
      clusterPurpose: 'FastProd'
      installNvidiaDevicePlugin: 'False'
      installDcgmExporter: 'False'
      'nginxIngress.enabled': 'False'
      'relayserver.enabled': 'False'
      'servicebus.enabled': 'False'
    }
    configurationProtectedSettings: {
      'scoringFe.sslCert': base64(scoringTlsCertificate)
      'scoringFe.sslKey': base64(scoringTlsPrivateKey)
    }
  }
}

resource serving 'Microsoft.MachineLearningServices/workspaces/computes@2026-05-01' = {
  name: 'rc-dev-operations-cloud-se-539acb/serving'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    computeType: 'Kubernetes'
    computeLocation: location
    description: 'Serves the model from rc-dev-operations-cloud-service-recommender-aks through an internal load balancer in workload-cloud-service-recommender-aks.'
    disableLocalAuth: true
    resourceId: rcDevOperationsCloudServiceRecommenderAks.id
    properties: {
      namespace: 'azureml'
      extensionInstanceReleaseTrain: 'stable'
    }
  }
  dependsOn: [
    azureml
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcDevOperationsCloudServiceRecommenderAks
  properties: {
    workspaceId: rcDevOperationsLog.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}
