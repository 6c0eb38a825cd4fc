@description('Base64 PFX (no password) with the certificate and private key of the model\'s public hostname; written into the product\'s Key Vault, where the application gateway reads it. Supplied at deploy time, never stored on disk.')
@secure()
param gatewayTlsCertificate string

@description('Azure region of the unit\'s resources.')
param location string

@description('Base64 (DER) of the root CA certificate that issued scoringTlsCertificate: the model\'s public entry verifies the scoring endpoint against it. Public, but supplied with the certificates at deploy time.')
@secure()
param scoringTlsRootCertificate string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcOpeCloudServiYzjrv 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: 'rc-ope-cloud-servi-yzjrv'
}

resource roleDefinition4633458b17de408aB8740445c86b69e6 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: '4633458b-17de-408a-b874-0445c86b69e6'
  scope: subscription()
}

resource workloadCloudServiceRecommenderAgw 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-operations-vnet/workload-cloud-service-recommender-agw'
  scope: resourceGroup('rc-prd-operations-network')
}

resource public 'Microsoft.Network/applicationGateways/frontendIPConfigurations@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/public'
}

resource https 'Microsoft.Network/applicationGateways/frontendPorts@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/https'
}

resource public2 'Microsoft.Network/applicationGateways/sslCertificates@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/public'
}

resource scoring 'Microsoft.Network/applicationGateways/probes@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/scoring'
}

resource scoring2 'Microsoft.Network/applicationGateways/trustedRootCertificates@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/scoring'
}

resource public3 'Microsoft.Network/applicationGateways/httpListeners@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/public'
}

resource scoring3 'Microsoft.Network/applicationGateways/backendAddressPools@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/scoring'
}

resource scoring4 'Microsoft.Network/applicationGateways/backendHttpSettingsCollection@2025-09-01' existing = {
  name: 'rc-prd-operations-cloud-service-recommender-agw/scoring'
}

resource rcPrdOperationsLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-operations-log'
  scope: resourceGroup('rc-prd-operations-logging')
}

resource rcPrdOperationsCloudServiceRecommenderGatewayId 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'rc-prd-operations-cloud-service-recommender-gateway-id'
  location: location
  tags: tags
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(rcOpeCloudServiYzjrv.id, rcPrdOperationsCloudServiceRecommenderGatewayId.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: rcOpeCloudServiYzjrv
  properties: {
    roleDefinitionId: roleDefinition4633458b17de408aB8740445c86b69e6.id
    principalId: rcPrdOperationsCloudServiceRecommenderGatewayId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource gatewayTls 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = {
  name: 'rc-ope-cloud-servi-yzjrv/gateway-tls'
  properties: {
    contentType: 'application/x-pkcs12'
    value: gatewayTlsCertificate
  }
}

resource rcPrdOperationsCloudServiceRecommenderAgwPip 'Microsoft.Network/publicIPAddresses@2025-09-01' = {
  name: 'rc-prd-operations-cloud-service-recommender-agw-pip'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Regional'
  }
  zones: [
    '1'
    '2'
    '3'
  ]
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
    dnsSettings: {
      domainNameLabel: 'rc-prd-operations-cloud-service-recommender-flp7h'
    }
  }
}

resource rcPrdOperationsCloudServiceRecommenderWaf 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2025-09-01' = {
  name: 'rc-prd-operations-cloud-service-recommender-waf'
  location: location
  tags: tags
  properties: {
    policySettings: {
      state: 'Enabled'
      mode: 'Prevention'
      requestBodyCheck: true
      maxRequestBodySizeInKb: 128
      fileUploadLimitInMb: 100
    }
    managedRules: {
      managedRuleSets: [
        {
          ruleSetType: 'OWASP'
          ruleSetVersion: '3.2'
        }
      ]
    }
  }
}

resource rcPrdOperationsCloudServiceRecommenderAgw 'Microsoft.Network/applicationGateways@2025-09-01' = {
  name: 'rc-prd-operations-cloud-service-recommender-agw'
  location: location
  tags: tags
  zones: [
    '1'
    '2'
    '3'
  ]
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${rcPrdOperationsCloudServiceRecommenderGatewayId.id}': {}
    }
  }
  properties: {
    sku: {
      name: 'WAF_v2'
      tier: 'WAF_v2'
    }
    autoscaleConfiguration: {
      minCapacity: 2
      maxCapacity: 10
    }
    enableHttp2: true
    firewallPolicy: {
      id: rcPrdOperationsCloudServiceRecommenderWaf.id
    }
    sslPolicy: {
      policyType: 'Predefined'
      policyName: 'AppGwSslPolicy20220101S'
    }
    gatewayIPConfigurations: [
      {
        name: 'gateway'
        properties: {
          subnet: {
            id: workloadCloudServiceRecommenderAgw.id
          }
        }
      }
    ]
    frontendIPConfigurations: [
      {
        name: 'public'
        properties: {
          publicIPAddress: {
            id: rcPrdOperationsCloudServiceRecommenderAgwPip.id
          }
        }
      }
    ]
    frontendPorts: [
      {
        name: 'https'
        properties: {
          port: 443
        }
      }
    ]
    sslCertificates: [
      {
        name: 'public'
        properties: {
          keyVaultSecretId: gatewayTls.properties.secretUri
        }
      }
    ]
    trustedRootCertificates: [
      {
        name: 'scoring'
        properties: {
          data: scoringTlsRootCertificate
        }
      }
    ]
    httpListeners: [
      {
        name: 'public'
        properties: {
          protocol: 'Https'
          frontendIPConfiguration: {
            id: public.id
          }
          frontendPort: {
            id: https.id
          }
          sslCertificate: {
            id: public2.id
          }
        }
      }
    ]
    backendAddressPools: [
      {
        name: 'scoring'
        properties: {
          backendAddresses: [
            {
              fqdn: 'cloud-service-recommender.operations.rc.internal'
            }
          ]
        }
      }
    ]
    probes: [
      {
        name: 'scoring'
        properties: {
          protocol: 'Https'
          host: 'cloud-service-recommender.operations.rc.internal'
          path: '/'
          interval: 30
          timeout: 30
          unhealthyThreshold: 3
          pickHostNameFromBackendHttpSettings: false
          match: {
            statusCodes: [
              '200-499'
            ]
          }
        }
      }
    ]
    backendHttpSettingsCollection: [
      {
        name: 'scoring'
        properties: {
          protocol: 'Https'
          port: 443
          hostName: 'cloud-service-recommender.operations.rc.internal'
          pickHostNameFromBackendAddress: false
          cookieBasedAffinity: 'Disabled'
          requestTimeout: 120
          probe: {
            id: scoring.id
          }
          trustedRootCertificates: [
            {
              id: scoring2.id
            }
          ]
        }
      }
    ]
    requestRoutingRules: [
      {
        name: 'scoring'
        properties: {
          ruleType: 'Basic'
          priority: 100
          httpListener: {
            id: public3.id
          }
          backendAddressPool: {
            id: scoring3.id
          }
          backendHttpSettings: {
            id: scoring4.id
          }
        }
      }
    ]
  }
  dependsOn: [
    roleAssignment
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdOperationsCloudServiceRecommenderAgw
  properties: {
    workspaceId: rcPrdOperationsLog.id
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

resource diagnosticSetting 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdOperationsCloudServiceRecommenderAgwPip
  properties: {
    workspaceId: rcPrdOperationsLog.id
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

@description('Azure DNS name of the model\'s public entry.')
output publicFqdn string = rcPrdOperationsCloudServiceRecommenderAgwPip.properties.dnsSettings.fqdn

@description('The name callers outside the data platform use (the gateway certificate\'s name).')
output publicHostname string = 'rc-prd-operations-cloud-service-recommender-flp7h.northeurope.cloudapp.azure.com'
