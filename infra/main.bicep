// IpsecFunctions control plane on Azure: a Flex Consumption Function App (.NET 10 isolated worker), its
// storage account (runtime + the app's tables and queues), Application Insights on a Log Analytics
// workspace, and a Key Vault holding the PSK encryption key and the API keys. Deploy to a resource group:
//   az deployment group create -g RG -f infra/main.bicep \
//     -p encryptionKey="$(openssl rand -base64 32)" operatorKey="$(openssl rand -hex 32)"
// (infra/README.md has the details.)
targetScope = 'resourceGroup'

@description('Azure region for every resource. Flex Consumption is offered in a subset of regions.')
param location string = resourceGroup().location

@description('Prefix of every resource name: lowercase letters and digits, so it is valid in storage and Key Vault names too.')
@minLength(3)
@maxLength(10)
param baseName string = 'ipsecfn'

@description('Makes the globally unique names (Function App hostname, storage account, Key Vault) unique per resource group.')
@minLength(4)
@maxLength(13)
param nameSuffix string = uniqueString(resourceGroup().id)

@description('Worker runtime version (the app targets net10.0).')
param dotnetVersion string = '10.0'

@description('Flex Consumption: the most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex Consumption: memory per instance, MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSku string = 'Standard_LRS'

@description('Allow storage account keys / SAS. Off by default: everything authenticates with the managed identity.')
param allowSharedKeyAccess bool = false

@description('PSK encryption key: base64 of 32 random bytes (openssl rand -base64 32). Required on the first deployment; leave empty afterwards to keep the stored key (a new value would make every stored PSK unreadable).')
@secure()
param encryptionKey string = ''

@description('Operator API key (OperatorKey in the app): e.g. openssl rand -hex 32. Required on the first deployment; leave empty afterwards to keep the stored key. The same value must also be a Functions key of the app (infra/README.md).')
@secure()
param operatorKey string = ''

@description('Account API keys: ApiKeys__<keyId>__Key is a Key Vault reference to the secret api-key-<keyId> (created by the operator, infra/README.md), ApiKeys__<keyId>__AccountId the account. keyId: letters and digits only (valid in both app setting and secret names). List every key here: a deployment replaces all app settings, so a key set only with az functionapp config appsettings set is dropped by the next one.')
param apiKeys apiKey[] = []

@description('Key Vault purge protection. Irreversible once on; turn off only for throw-away environments.')
param enableKeyVaultPurgeProtection bool = true

@description('Days a deleted Key Vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Tags for every resource.')
param tags object = {
  application: 'IpsecFunctions'
}

@description('One account API key; its value is the Key Vault secret api-key-<keyId>.')
type apiKey = {
  @description('Key id: letters and digits (ApiKeys:<keyId> in the app, Key Vault secret api-key-<keyId>).')
  keyId: string
  @description('The account the key acts for.')
  accountId: string
}

// Table and queue names the control plane uses: exactly those of
// src/ControlPlane/Ipsec.ControlPlane/Storage/StorageNames.cs (tests/Ipsec.ControlPlane.Tests/Storage/InfraNamesTests.cs
// checks both lists). Client tokens have no table of their own: they are rows in Connections, in the partition of
// their connection, so a create writes both in one transaction (Storage/ConnectionStore.cs).
var tableNames = [
  'Accounts'
  'VpnGateways'
  'CustomerGateways'
  'Connections'
  'Routes'
  'Certificates'
]
var queueNames = [
  'connection-requests'
  'connection-requests-errors'
  'connection-events'
  'engine-results'
  'engine-events'
]

var functionAppName = '${baseName}-${nameSuffix}'
var storageAccountName = take('st${baseName}${nameSuffix}', 24)
var keyVaultName = take('kv-${baseName}-${nameSuffix}', 24)
var appInsightsName = 'appi-${baseName}-${nameSuffix}'
var encryptionKeySecretName = 'psk-encryption-key'
var operatorKeySecretName = 'operator-key'
// The Durable Task hub: must equal extensions.durableTask.hubName in host.json (the host reads it from there) and
// TaskHub in local.settings.json; InfraNamesTests checks host.json against this value.
var taskHubName = 'IpsecHub'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${baseName}-${nameSuffix}'
    appInsightsName: appInsightsName
    retentionInDays: logRetentionInDays
    disableLocalAuth: true
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: storageAccountName
    skuName: storageSku
    // Flex Consumption reads the deployment package from this container
    deploymentContainerName: 'app-package-${functionAppName}'
    allowSharedKeyAccess: allowSharedKeyAccess
    tableNames: tableNames
    queueNames: queueNames
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    keyVaultName: keyVaultName
    encryptionKeySecretName: encryptionKeySecretName
    encryptionKeyValue: encryptionKey
    operatorKeySecretName: operatorKeySecretName
    operatorKeyValue: operatorKey
    enablePurgeProtection: enableKeyVaultPurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    functionAppName: functionAppName
    planName: 'plan-${baseName}-${nameSuffix}'
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    encryptionKeySecretUri: keyVault.outputs.encryptionKeySecretUri
    operatorKeySecretUri: keyVault.outputs.operatorKeySecretUri
    keyVaultUri: keyVault.outputs.keyVaultUri
    apiKeys: apiKeys
    taskHubName: taskHubName
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: functionApp.outputs.principalId
    // names from variables, not module outputs, so what-if can resolve the scopes before deployment (the
    // module still runs after them: it waits for functionApp, which waits for all three)
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    appInsightsName: appInsightsName
  }
}

@description('Function App name (az functionapp deployment source config-zip -n ...).')
output functionAppName string = functionApp.outputs.functionAppName

@description('Default hostname; the API is https://<hostname>/api/...')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('Object id of the app\'s managed identity.')
output functionAppPrincipalId string = functionApp.outputs.principalId

output storageAccountName string = storage.outputs.storageAccountName
output keyVaultName string = keyVault.outputs.keyVaultName
