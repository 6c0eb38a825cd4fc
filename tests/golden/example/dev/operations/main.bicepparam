using 'main.bicep'

param location = 'northeurope'

param managementFirewallPrivateIp = '10.0.0.4'

param managementSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000001'

param operationsSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000002'

param tags = {
  CostCenter: 'data-platform'
  DeploymentUnit: 'operations'
  Environment: 'dev'
  ManagedBy: 'relecloud'
  Organization: 'Relecloud'
  Owner: 'platform-team@relecloud.example'
  Zone: 'operations'
}
