using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class AzureTemplateTests(AzureTemplate template) : IClassFixture<AzureTemplate>
{
    [Fact]
    public void Bicep_template_compiles_without_errors_or_warnings()
    {
        Assert.True(File.Exists(AzureTemplate.Bicep), "Bicep CLI not found at " + AzureTemplate.Bicep);
        // Warnings matter here: an unknown API version or property (BCP081, BCP037) is only a warning.
        Assert.Equal("", template.Build.Errors.Trim());
        Assert.Equal(0, template.Build.ExitCode);
    }

    [Fact]
    public async Task Example_parameters_compile_against_the_template()
    {
        var result = await Tool.RunAsync(AzureTemplate.Bicep, ["build-params", Repo.Path("deploy", "azure", "main.bicepparam"), "--stdout"]);

        Assert.Equal("", result.Errors.Trim());
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void App_gets_every_setting_the_service_reads_in_Azure()
    {
        var app = template.Resource("Microsoft.Web/sites");
        var settings = app["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);

        Assert.Equal(
            ["AZURE_CLIENT_ID", "MicrosoftAppId", "MicrosoftAppTenantId", "MicrosoftAppType", "Storage__AzureTables__Endpoint", "Storage__Provider"],
            settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("UserAssignedMSI", settings["MicrosoftAppType"]);
        Assert.Equal("AzureTables", settings["Storage__Provider"]);
        // The bot's app id and the identity Table Storage sees are the same managed identity.
        Assert.Contains(".clientId", settings["MicrosoftAppId"], StringComparison.Ordinal);
        Assert.Equal(settings["MicrosoftAppId"], settings["AZURE_CLIENT_ID"]);
        Assert.Contains("primaryEndpoints.table", settings["Storage__AzureTables__Endpoint"], StringComparison.Ordinal);
    }

    [Fact]
    public void App_runs_dotnet_10_on_Linux_and_is_probed_on_healthz()
    {
        var config = template.Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!;

        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.Equal("/healthz", (string?)config["healthCheckPath"]);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.Equal("UserAssigned", (string?)template.Resource("Microsoft.Web/sites")["identity"]!["type"]);
    }

    [Fact]
    public void Identity_may_read_and_write_tables_of_the_storage_account_and_nothing_uses_keys()
    {
        var assignment = template.Resource("Microsoft.Authorization/roleAssignments");
        var storage = template.Resource("Microsoft.Storage/storageAccounts");

        // 0a9a7e1f-... is the built-in role "Storage Table Data Contributor".
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", template.Resolve((string)assignment["properties"]!["roleDefinitionId"]!), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string)assignment["scope"]!, StringComparison.Ordinal);
        Assert.Contains(".principalId", (string)assignment["properties"]!["principalId"]!, StringComparison.Ordinal);
        Assert.False((bool)storage["properties"]!["allowSharedKeyAccess"]!);
        Assert.Single(template.Resources, r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/tableServices");
    }

    [Fact]
    public void Azure_bot_signs_in_as_the_managed_identity_posts_to_api_messages_and_has_the_Teams_channel()
    {
        var bot = template.Resource("Microsoft.BotService/botServices")["properties"]!;
        var teams = template.Resource("Microsoft.BotService/botServices/channels");

        Assert.Equal("UserAssignedMSI", (string?)bot["msaAppType"]);
        Assert.Contains(".clientId", (string)bot["msaAppId"]!, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", (string)bot["msaAppMSIResourceId"]!, StringComparison.Ordinal);
        Assert.StartsWith("[format('https://{0}/api/messages'", (string)bot["endpoint"]!, StringComparison.Ordinal);
        Assert.Equal("MsTeamsChannel", (string?)teams["properties"]!["channelName"]);
    }

    [Fact]
    public void Outputs_give_what_the_Teams_package_build_needs()
    {
        var outputs = template.Arm["outputs"]!.AsObject();

        Assert.Contains("botAppId", outputs.Select(o => o.Key));
        Assert.Contains("appHostName", outputs.Select(o => o.Key));
        Assert.Contains("tenantId", outputs.Select(o => o.Key));
    }
}
