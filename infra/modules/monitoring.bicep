// Log Analytics workspace + workspace-based Application Insights: where the Functions host and the
// worker send logs, traces and metrics.

@description('Azure region.')
param location string

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights component name.')
param appInsightsName string

@description('Days the workspace keeps data (30 is the free retention of PerGB2018).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Refuse instrumentation-key ingestion, so only Entra ID (the app\'s managed identity) can send telemetry.')
param disableLocalAuth bool

param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: disableLocalAuth
  }
}

output appInsightsName string = appInsights.name
// A connection string names the ingestion endpoint; with local auth disabled it grants nothing by itself.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
