using 'main.bicep'

param billingSubscriptionId = '7b2c3d4e-0000-4000-8000-000000000003'

param location = 'northeurope'

param managementFirewallPrivateIp = '10.100.0.4'

param managementSubscriptionId = '7b2c3d4e-0000-4000-8000-000000000001'

param operationsSubscriptionId = '7b2c3d4e-0000-4000-8000-000000000002'

param tags = {
  CostCenter: 'data-platform'
  Criticality: 'high'
  DeploymentUnit: 'billing'
  Environment: 'prd'
  ManagedBy: 'relecloud'
  Organization: 'Relecloud'
  Owner: 'platform-team@relecloud.example'
  Zone: 'billing'
}
