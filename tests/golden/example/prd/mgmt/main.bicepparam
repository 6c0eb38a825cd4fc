using 'main.bicep'

param location = 'northeurope'

param tags = {
  CostCenter: 'data-platform'
  Criticality: 'high'
  DeploymentUnit: 'mgmt'
  Environment: 'prd'
  ManagedBy: 'relecloud'
  Organization: 'Relecloud'
  Owner: 'platform-team@relecloud.example'
  Zone: 'mgmt'
}
