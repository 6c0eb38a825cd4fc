targetScope = 'subscription'

resource billingLocations 'Microsoft.Authorization/policyAssignments@2026-07-01' = {
  name: 'billing-locations'
  properties: {
    displayName: 'Allowed locations (billing)'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', 'e56962a6-4747-49cd-b67b-bf8b01975c4c')
    parameters: {
      listOfAllowedLocations: {
        value: [
          'northeurope'
        ]
      }
    }
    enforcementMode: 'Default'
  }
}

resource billingStoragePublic 'Microsoft.Authorization/policyAssignments@2026-07-01' = {
  name: 'billing-storage-public'
  properties: {
    displayName: 'Storage accounts should disable public network access (billing)'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', 'b2982f36-99f2-4db5-8eff-283140c09693')
    parameters: {
      effect: {
        value: 'Audit'
      }
    }
    enforcementMode: 'Default'
  }
}

resource billingStorageSharedKey 'Microsoft.Authorization/policyAssignments@2026-07-01' = {
  name: 'billing-storage-shared-key'
  properties: {
    displayName: 'Storage accounts should prevent shared key access (billing)'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', '8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54')
    parameters: {
      effect: {
        value: 'Audit'
      }
    }
    enforcementMode: 'Default'
  }
}
