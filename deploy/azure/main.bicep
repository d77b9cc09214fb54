// QuizBot on Azure: one Linux App Service running the .NET 10 service, Table Storage for its data and an
// Azure Bot with the Teams channel. One user-assigned managed identity is both the bot's app id and the
// service's way into Table Storage, so there is no password or key anywhere to store or rotate.
//
//   az deployment group create -g <group> -f deploy/azure/main.bicep -p deploy/azure/main.bicepparam

@description('Short lowercase prefix for every resource name (letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'quizbot'

@description('Region for everything but the bot registration, which is global.')
param location string = resourceGroup().location

@description('App Service plan size. B1 or larger: the scheduler needs Always On, which the free tier lacks.')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'B1'

@description('Azure Bot pricing tier: F0 is free and covers Teams; S1 lifts the limits on premium channels.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'QuizBot'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // Storage account names: 3 to 24 lowercase letters and digits, unique in Azure.
  name: take('${namePrefix}${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Only Microsoft Entra tokens (the managed identity) may read or write: no account keys in use.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    // Set so the assignment does not wait for the new identity to replicate through Entra.
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      // Named, not guessed: the published folder holds several assemblies.
      appCommandLine: 'dotnet QuizBot.dll'
      // Scheduled rounds are posted by a background service: the process must stay up between requests.
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
        { name: 'Storage__Provider', value: 'AzureTables' }
        { name: 'Storage__AzureTables__Endpoint', value: storage.properties.primaryEndpoints.table }
        // Picks the user-assigned identity for DefaultAzureCredential (Table Storage).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
      ]
    }
  }
  dependsOn: [
    tableAccess
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s app id: MicrosoftAppId for deploy/teams/build-package.mjs.')
output botAppId string = identity.properties.clientId

@description('The tenant the bot belongs to.')
output tenantId string = tenant().tenantId

@description('The App Service app to deploy the service to.')
output appName string = app.name

@description('Host name of the service: QUIZBOT_DOMAIN for deploy/teams/build-package.mjs.')
output appHostName string = app.properties.defaultHostName

@description('Table Storage endpoint the service writes to.')
output tableEndpoint string = storage.properties.primaryEndpoints.table
