@description('Azure region of the unit\'s resources.')
param location string

@description('Private IP of the management zone\'s firewall: next hop for egress and DNS proxy.')
param managementFirewallPrivateIp string

@description('Tags put on every taggable resource: the manifest\'s tags merged with relecloud\'s defaults.')
param tags object

resource rcPrdBillingNsg 'Microsoft.Network/networkSecurityGroups@2025-09-01' = {
  name: 'rc-prd-billing-nsg'
  location: location
  tags: tags
}

resource rcPrdBillingRoutes 'Microsoft.Network/routeTables@2025-09-01' = {
  name: 'rc-prd-billing-routes'
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

resource rcPrdBillingVnet 'Microsoft.Network/virtualNetworks@2025-09-01' = {
  name: 'rc-prd-billing-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.102.0.0/16'
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
          addressPrefix: '10.102.0.0/24'
          networkSecurityGroup: {
            id: rcPrdBillingNsg.id
          }
          routeTable: {
            id: rcPrdBillingRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'workload-revenue-by-service'
        properties: {
          addressPrefix: '10.102.1.0/24'
          networkSecurityGroup: {
            id: rcPrdBillingNsg.id
          }
          routeTable: {
            id: rcPrdBillingRoutes.id
          }
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

@description('Resource id of the landing zone\'s virtual network.')
output vnetId string = rcPrdBillingVnet.id
