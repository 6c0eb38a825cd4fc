using 'main.bicep'

param location = 'northeurope'

param managementSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000001'

param operationsSubscriptionId = '6a1b2c3d-0000-4000-8000-000000000002'

param tags = {
  CostCenter: 'data-platform'
  DeploymentUnit: 'operations-cloud-service-recommender'
  Environment: 'dev'
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
