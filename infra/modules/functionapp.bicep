// The control plane: a Flex Consumption Function App (Linux, .NET isolated worker) with a system-assigned
// managed identity. Every connection it makes (host storage, Durable Task hub, tables, queues, Key Vault,
// Application Insights) authenticates with that identity; no app setting holds a key.

@description('Azure region.')
param location string

@description('Function App name; also the first label of its default hostname.')
param functionAppName string

@description('Flex Consumption plan name.')
param planName string

@description('Worker runtime version for dotnet-isolated (the app targets net10.0).')
param dotnetVersion string

@description('Upper bound on instances Flex Consumption scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance, MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string

@description('URL of the blob container the deployment package is uploaded to.')
param deploymentContainerUrl string

param appInsightsConnectionString string

@description('Versionless URI of the PSK encryption key secret.')
param encryptionKeySecretUri string

@description('Versionless URI of the operator API key secret.')
param operatorKeySecretUri string

@description('Key Vault URI (ends with /): each account key is the secret api-key-<keyId> in it.')
param keyVaultUri string

@description('Account API keys: key id and the account it acts for.')
param apiKeys {
  keyId: string
  accountId: string
}[]

@description('Durable Task hub name; equal to extensions.durableTask.hubName in host.json.')
param taskHubName string

param tags object

// ApiKeys:<keyId>:Key and ApiKeys:<keyId>:AccountId of Access/ApiKeyDirectory.cs. The key itself stays in Key Vault.
var apiKeySettings = flatten(map(apiKeys, key => [
  {
    name: 'ApiKeys__${key.keyId}__Key'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/api-key-${key.keyId}/)'
  }
  {
    name: 'ApiKeys__${key.keyId}__AccountId'
    value: key.accountId
  }
]))

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references resolve with the system-assigned identity (the default, stated for the reader).
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the runtime here; FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION
      // are not allowed as app settings on this plan.
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // A deployment replaces the whole list: settings added by hand (az functionapp config appsettings set) and
      // absent here are removed, which is why account keys come in through the apiKeys parameter.
      appSettings: concat([
        // Host storage and the Durable Task hub through the managed identity. The host needs the blob and
        // queue URIs; Durable Functions' Azure Storage backend needs the table URI too. The control plane's
        // StorageClients reads the same settings for its own tables and queues.
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storageBlobEndpoint
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storageQueueEndpoint
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storageTableEndpoint
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          // Entra ID ingestion with the managed identity (the component refuses instrumentation-key auth)
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          // The configuration key Secrets:EncryptionKey; resolved by the platform, never stored in the app
          name: 'Secrets__EncryptionKey'
          value: '@Microsoft.KeyVault(SecretUri=${encryptionKeySecretUri})'
        }
        {
          // Access/ApiKeyDirectory.cs; the host checks the same value as a Functions key first (infra/README.md)
          name: 'OperatorKey'
          value: '@Microsoft.KeyVault(SecretUri=${operatorKeySecretUri})'
        }
        {
          // The hub the Durable extension uses is host.json's hubName; this states the same name for the worker and
          // for operators, as local.settings.json does locally.
          name: 'TaskHub'
          value: taskHubName
        }
      ], apiKeySettings)
    }
  }
}

// No FTP and no basic-auth deployments to the SCM site: deployments authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output functionAppName string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output principalId string = functionApp.identity.principalId
