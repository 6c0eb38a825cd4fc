using 'main.bicep'

param billingSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000003'

param location = 'northeurope'

param managementSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000001'

param operationsSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000002'

param tags = {
  CostCenter: 'data-platform'
  DeploymentUnit: 'billing-revenue-by-service'
  Environment: 'dev'
  ManagedBy: 'relecloud'
  Organization: 'Relecloud'
  Owner: 'platform-team@relecloud.example'
  Zone: 'billing'
}
