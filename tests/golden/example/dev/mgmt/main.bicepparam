using 'main.bicep'

param location = 'northeurope'

param tags = {
  CostCenter: 'data-platform'
  DeploymentUnit: 'mgmt'
  Environment: 'dev'
  ManagedBy: 'relecloud'
  Organization: 'Relecloud'
  Owner: 'platform-team@relecloud.example'
  Zone: 'mgmt'
}
