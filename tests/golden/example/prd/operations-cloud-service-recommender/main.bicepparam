using 'main.bicep'

param location = 'northeurope'

param managementSubscriptionId = '7b2c3d4e-0000-4000-8000-000000000001'

param operationsSubscriptionId = '7b2c3d4e-0000-4000-8000-000000000002'

param tags = {
  CostCenter: 'data-platform'
  Criticality: 'high'
  DeploymentUnit: 'operations-cloud-service-recommender'
  Environment: 'prd'
  ManagedBy: 'relecloud'
  Organization: 'Relecloud'
  Owner: 'platform-team@relecloud.example'
  Zone: 'operations'
}

// secure: set RELECLOUD_SECURE_GATEWAY_TLS_CERTIFICATE (as for relecloud deploy); the value is never written here
param gatewayTlsCertificate = readEnvironmentVariable('RELECLOUD_SECURE_GATEWAY_TLS_CERTIFICATE')

// secure: set RELECLOUD_SECURE_SCORING_TLS_CERTIFICATE (as for relecloud deploy); the value is never written here
param scoringTlsCertificate = readEnvironmentVariable('RELECLOUD_SECURE_SCORING_TLS_CERTIFICATE')

// secure: set RELECLOUD_SECURE_SCORING_TLS_PRIVATE_KEY (as for relecloud deploy); the value is never written here
param scoringTlsPrivateKey = readEnvironmentVariable('RELECLOUD_SECURE_SCORING_TLS_PRIVATE_KEY')

// secure: set RELECLOUD_SECURE_SCORING_TLS_ROOT_CERTIFICATE (as for relecloud deploy); the value is never written here
param scoringTlsRootCertificate = readEnvironmentVariable('RELECLOUD_SECURE_SCORING_TLS_ROOT_CERTIFICATE')
