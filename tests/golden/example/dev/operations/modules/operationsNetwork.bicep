@description('Azure region of the unit\'s resources.')
param location string

@description('Private IP of the management zone\'s firewall: next hop for egress and DNS proxy.')
param managementFirewallPrivateIp string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcDevOperationsNsg 'Microsoft.Network/networkSecurityGroups@2025-09-01' = {
  name: 'rc-dev-operations-nsg'
  location: location
  tags: tags
}

resource rcDevOperationsDatabricksNsg 'Microsoft.Network/networkSecurityGroups@2025-09-01' = {
  name: 'rc-dev-operations-databricks-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-worker-inbound'
        properties: {
          description: 'Required for worker nodes communication within a cluster.'
          protocol: '*'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'VirtualNetwork'
          access: 'Allow'
          priority: 100
          direction: 'Inbound'
        }
      }
      {
        name: 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-worker-outbound'
        properties: {
          description: 'Required for worker nodes communication within a cluster.'
          protocol: '*'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'VirtualNetwork'
          access: 'Allow'
          priority: 100
          direction: 'Outbound'
        }
      }
      {
        name: 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-sql'
        properties: {
          description: 'Required for workers communication with Azure SQL services.'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '3306'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'Sql'
          access: 'Allow'
          priority: 101
          direction: 'Outbound'
        }
      }
      {
        name: 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-storage'
        properties: {
          description: 'Required for workers communication with Azure Storage services.'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '443'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'Storage'
          access: 'Allow'
          priority: 102
          direction: 'Outbound'
        }
      }
      {
        name: 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-eventhub'
        properties: {
          description: 'Required for worker communication with Azure Eventhub services.'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '9093'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'EventHub'
          access: 'Allow'
          priority: 103
          direction: 'Outbound'
        }
      }
    ]
  }
}

resource rcDevOperationsAgwNsg 'Microsoft.Network/networkSecurityGroups@2025-09-01' = {
  name: 'rc-dev-operations-agw-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-gateway-manager'
        properties: {
          description: 'Application Gateway v2 infrastructure ports.'
          protocol: 'Tcp'
          sourceAddressPrefix: 'GatewayManager'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '65200-65535'
          access: 'Allow'
          priority: 100
          direction: 'Inbound'
        }
      }
      {
        name: 'allow-azure-load-balancer'
        properties: {
          description: 'Health probes of the Azure load balancer.'
          protocol: '*'
          sourceAddressPrefix: 'AzureLoadBalancer'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
          access: 'Allow'
          priority: 110
          direction: 'Inbound'
        }
      }
      {
        name: 'allow-https-from-internet'
        properties: {
          description: 'The public entry of served models: HTTPS only.'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '443'
          access: 'Allow'
          priority: 120
          direction: 'Inbound'
        }
      }
    ]
  }
}

resource rcDevOperationsRoutes 'Microsoft.Network/routeTables@2025-09-01' = {
  name: 'rc-dev-operations-routes'
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
          nextHopIpAddress: managementFirewallPrivateIp
        }
      }
    ]
  }
}

resource rcDevOperationsVnet 'Microsoft.Network/virtualNetworks@2025-09-01' = {
  name: 'rc-dev-operations-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.1.0.0/16'
      ]
    }
    dhcpOptions: {
      dnsServers: [
        managementFirewallPrivateIp
      ]
    }
    enableDdosProtection: false
    subnets: [
      {
        name: 'services'
        properties: {
          addressPrefix: '10.1.0.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'databricks-integration-public'
        properties: {
          addressPrefix: '10.1.1.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsDatabricksNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          delegations: [
            {
              name: 'Microsoft.Databricks-workspaces'
              properties: {
                serviceName: 'Microsoft.Databricks/workspaces'
              }
            }
          ]
        }
      }
      {
        name: 'databricks-integration-private'
        properties: {
          addressPrefix: '10.1.2.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsDatabricksNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          delegations: [
            {
              name: 'Microsoft.Databricks-workspaces'
              properties: {
                serviceName: 'Microsoft.Databricks/workspaces'
              }
            }
          ]
        }
      }
      {
        name: 'powerbi-gateway'
        properties: {
          addressPrefix: '10.1.3.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          delegations: [
            {
              name: 'Microsoft.PowerPlatform-vnetaccesslinks'
              properties: {
                serviceName: 'Microsoft.PowerPlatform/vnetaccesslinks'
              }
            }
          ]
        }
      }
      {
        name: 'workload-cloud-accounts'
        properties: {
          addressPrefix: '10.1.4.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'workload-cloud-service-recommender'
        properties: {
          addressPrefix: '10.1.5.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'workload-recommender-revenue'
        properties: {
          addressPrefix: '10.1.6.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'workload-cloud-service-recommender-aks'
        properties: {
          addressPrefix: '10.1.7.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsNsg.id
          }
          routeTable: {
            id: rcDevOperationsRoutes.id
          }
        }
      }
      {
        name: 'workload-cloud-service-recommender-agw'
        properties: {
          addressPrefix: '10.1.8.0/24'
          networkSecurityGroup: {
            id: rcDevOperationsAgwNsg.id
          }
        }
      }
    ]
  }
}

@description('Resource id of the landing zone\'s virtual network.')
output vnetId string = rcDevOperationsVnet.id
