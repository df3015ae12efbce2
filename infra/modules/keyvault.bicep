// Key Vault holding the key that encrypts stored PSKs (Secrets:EncryptionKey in the app,
// src/ControlPlane/Ipsec.ControlPlane/Secrets/SecretProtector.cs) and the API keys (OperatorKey, and the
// account keys api-key-<keyId> the operator adds, src/ControlPlane/Ipsec.ControlPlane/Access/ApiKeyDirectory.cs).
// The app reads them through Key Vault references, so no key appears in app settings or deployment history.

@description('Azure region.')
param location string

@description('Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Name of the secret holding the PSK encryption key.')
param encryptionKeySecretName string

@description('Base64 of 32 random bytes. Empty: leave the existing secret as it is (redeployments must not replace the key, or every stored PSK becomes unreadable).')
@secure()
param encryptionKeyValue string

@description('Name of the secret holding the operator API key.')
param operatorKeySecretName string

@description('Operator API key. Empty: leave the existing secret as it is (rotating it is a deliberate act, infra/README.md).')
@secure()
param operatorKeyValue string

@description('Purge protection: a deleted vault or secret cannot be purged before the retention ends. Keep it on wherever the PSKs matter.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

param tags object

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: the app gets "Key Vault Secrets User" and nothing else (rbac.bicep).
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The property accepts only true or null: null means "off" and cannot be set back once it was on.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      // Flex Consumption without VNet integration resolves the reference over the public endpoint.
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource encryptionKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(encryptionKeyValue)) {
  parent: vault
  name: encryptionKeySecretName
  properties: {
    value: encryptionKeyValue
    contentType: 'base64; 32 bytes; AES-256 key protecting stored PSKs'
  }
}

// Created only when a value is given, like the encryption key: a redeployment without it keeps the current key.
resource operatorKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(operatorKeyValue)) {
  parent: vault
  name: operatorKeySecretName
  properties: {
    value: operatorKeyValue
    contentType: 'operator API key (OperatorKey)'
  }
}

output keyVaultName string = vault.name
// Ends with '/'; the app settings name further secrets (api-key-<keyId>) under it.
output keyVaultUri string = vault.properties.vaultUri
// Versionless: the app follows the newest version. Rotating the key means re-encrypting every stored PSK
// first, which nothing automates yet.
output encryptionKeySecretUri string = '${vault.properties.vaultUri}secrets/${encryptionKeySecretName}/'
output operatorKeySecretUri string = '${vault.properties.vaultUri}secrets/${operatorKeySecretName}/'
