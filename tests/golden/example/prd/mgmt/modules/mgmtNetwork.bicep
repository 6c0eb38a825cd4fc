@description('Azure region of the unit\'s resources.')
param location string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource azureFirewallSubnet 'Microsoft.Network/virtualNetworks/subnets@2025-09-01' existing = {
  name: 'rc-prd-mgmt-vnet/AzureFirewallSubnet'
}

resource rcPrdMgmtLog 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: 'rc-prd-mgmt-log'
  scope: resourceGroup('rc-prd-mgmt-logging')
}

resource rcPrdMgmtNsg 'Microsoft.Network/networkSecurityGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-nsg'
  location: location
  tags: tags
}

resource rcPrdMgmtRoutes 'Microsoft.Network/routeTables@2025-09-01' = {
  name: 'rc-prd-mgmt-routes'
  location: location
  tags: tags
  properties: {
    disableBgpRoutePropagation: false
    routes: [
      {
        name: 'to-firewall'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.100.0.4'
        }
      }
    ]
  }
}

resource rcPrdMgmtVnet 'Microsoft.Network/virtualNetworks@2025-09-01' = {
  name: 'rc-prd-mgmt-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.100.0.0/16'
      ]
    }
    enableDdosProtection: false
    subnets: [
      {
        name: 'AzureFirewallSubnet'
        properties: {
          addressPrefix: '10.100.0.0/24'
        }
      }
      {
        name: 'services'
        properties: {
          addressPrefix: '10.100.1.0/24'
          networkSecurityGroup: {
            id: rcPrdMgmtNsg.id
          }
          routeTable: {
            id: rcPrdMgmtRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource rcPrdMgmtFirewallPip 'Microsoft.Network/publicIPAddresses@2025-09-01' = {
  name: 'rc-prd-mgmt-firewall-pip'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Regional'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
    idleTimeoutInMinutes: 4
  }
}

resource rcPrdMgmtFirewallPolicy 'Microsoft.Network/firewallPolicies@2025-09-01' = {
  name: 'rc-prd-mgmt-firewall-policy'
  location: location
  tags: tags
  properties: {
    sku: {
      tier: 'Premium'
    }
    threatIntelMode: 'Deny'
    dnsSettings: {
      enableProxy: true
    }
    intrusionDetection: {
      mode: 'Deny'
    }
  }
}

resource dataPlatform 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2025-09-01' = {
  name: 'rc-prd-mgmt-firewall-policy/data-platform'
  properties: {
    priority: 1000
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'databricks'
        priority: 1100
        action: {
          type: 'Allow'
        }
        rules: [
          {
            ruleType: 'NetworkRule'
            name: 'entra-id-and-front-door'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            destinationAddresses: [
              'AzureActiveDirectory'
              'AzureFrontDoor.Frontend'
            ]
            destinationPorts: [
              '443'
            ]
          }
          {
            ruleType: 'NetworkRule'
            name: 'control-plane'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            destinationAddresses: [
              'AzureDatabricks'
            ]
            destinationPorts: [
              '443'
            ]
          }
          {
            ruleType: 'NetworkRule'
            name: 'storage'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            destinationAddresses: [
              'Storage.northeurope'
            ]
            destinationPorts: [
              '443'
            ]
          }
          {
            ruleType: 'NetworkRule'
            name: 'metastore'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            destinationAddresses: [
              'Sql'
            ]
            destinationPorts: [
              '3306'
            ]
          }
          {
            ruleType: 'NetworkRule'
            name: 'event-hub-logs'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            destinationAddresses: [
              'EventHub'
            ]
            destinationPorts: [
              '9093'
            ]
          }
        ]
      }
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'machine-learning'
        priority: 1200
        action: {
          type: 'Allow'
        }
        rules: [
          {
            ruleType: 'NetworkRule'
            name: 'machine-learning'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            destinationAddresses: [
              'AzureActiveDirectory'
              'AzureMachineLearning'
              'AzureResourceManager'
              'Storage.northeurope'
              'AzureKeyVault'
              'AzureContainerRegistry'
              'MicrosoftContainerRegistry'
              'AzureFrontDoor.FirstParty'
            ]
            destinationPorts: [
              '443'
            ]
          }
        ]
      }
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aks'
        priority: 1300
        action: {
          type: 'Allow'
        }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'aks-required'
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            fqdnTags: [
              'AzureKubernetesService'
            ]
            protocols: [
              {
                protocolType: 'Https'
                port: 443
              }
              {
                protocolType: 'Http'
                port: 80
              }
            ]
          }
        ]
      }
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'package-repositories'
        priority: 1400
        action: {
          type: 'Allow'
        }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'packages'
            sourceAddresses: [
              '10.100.0.0/16'
              '10.101.0.0/16'
              '10.102.0.0/16'
            ]
            targetFqdns: [
              'pypi.org'
              'files.pythonhosted.org'
              'repo.maven.apache.org'
              'cran.r-project.org'
            ]
            protocols: [
              {
                protocolType: 'Https'
                port: 443
              }
            ]
          }
        ]
      }
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'power-bi-gateway'
        priority: 1500
        action: {
          type: 'Allow'
        }
        rules: [
          {
            ruleType: 'NetworkRule'
            name: 'power-platform'
            ipProtocols: [
              'TCP'
            ]
            sourceAddresses: [
              '10.101.3.0/24'
            ]
            destinationAddresses: [
              'PowerBI'
              'PowerQueryOnline'
              'PowerPlatformInfra'
              'AzureActiveDirectory'
            ]
            destinationPorts: [
              '443'
            ]
          }
        ]
      }
    ]
  }
  dependsOn: [
    rcPrdMgmtFirewallPolicy
  ]
}

resource rcPrdMgmtFirewall 'Microsoft.Network/azureFirewalls@2025-09-01' = {
  name: 'rc-prd-mgmt-firewall'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Premium'
    }
    firewallPolicy: {
      id: resourceId('Microsoft.Network/firewallPolicies', 'rc-prd-mgmt-firewall-policy')
    }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: {
            id: azureFirewallSubnet.id
          }
          publicIPAddress: {
            id: rcPrdMgmtFirewallPip.id
          }
        }
      }
    ]
  }
  dependsOn: [
    rcPrdMgmtVnet
    dataPlatform
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: rcPrdMgmtFirewall
  properties: {
    workspaceId: rcPrdMgmtLog.id
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

@description('Resource id of the management zone\'s virtual network.')
output vnetId string = rcPrdMgmtVnet.id

@description('Private IP of the firewall: the DNS server and next hop of every landing zone.')
output firewallPrivateIp string = rcPrdMgmtFirewall.properties.ipConfigurations[0].properties.privateIPAddress
