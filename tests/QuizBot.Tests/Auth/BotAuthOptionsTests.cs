using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Tests.Auth.Support;

namespace QuizBot.Tests.Auth;

public sealed class BotAuthOptionsTests
{
    private static async Task<string> RefusalAsync(Dictionary<string, string?> settings, string environment = "Production")
    {
        using var host = AuthHost.Build(settings, environment);
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return e.Message;
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Refuses_to_start_outside_Development_without_an_app_id(string environment)
    {
        var message = await RefusalAsync([], environment);
        Assert.Contains("MicrosoftAppId is not set", message, StringComparison.Ordinal);
        Assert.Contains("only in Development", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starts_in_Development_without_an_app_id_with_authentication_off()
    {
        using var host = AuthHost.Build([], "Development");
        await host.StartAsync();
        Assert.False(host.Services.GetRequiredService<IOptions<BotAuthOptions>>().Value.AuthenticationEnabled);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_single_tenant_bot_without_a_tenant_id_refuses_to_start()
    {
        var settings = AuthHost.MultiTenant();
        settings["MicrosoftAppType"] = "SingleTenant";
        Assert.Contains("MicrosoftAppTenantId is not set", await RefusalAsync(settings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MultiTenant")]
    [InlineData("SingleTenant")]
    [InlineData("")]
    public async Task A_bot_with_a_client_secret_type_and_no_password_refuses_to_start(string type)
    {
        var settings = AuthHost.MultiTenant();
        settings["MicrosoftAppType"] = type;
        settings["MicrosoftAppTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        settings.Remove("MicrosoftAppPassword");
        Assert.Contains("MicrosoftAppPassword is not set", await RefusalAsync(settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managed_identity_bot_starts_without_a_password()
    {
        var settings = AuthHost.MultiTenant();
        settings["MicrosoftAppType"] = "userassignedmsi";
        settings.Remove("MicrosoftAppPassword");
        using var host = AuthHost.Build(settings);
        await host.StartAsync();
        Assert.Equal(BotAppType.UserAssignedMSI, host.Services.GetRequiredService<IOptions<BotAuthOptions>>().Value.AppType);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_unknown_app_type_refuses_to_start_and_names_the_accepted_ones()
    {
        var settings = AuthHost.MultiTenant();
        settings["MicrosoftAppType"] = "SystemAssignedMSI";
        var message = await RefusalAsync(settings);
        Assert.Contains("'SystemAssignedMSI' is not one of MultiTenant, SingleTenant, UserAssignedMSI", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example/keys")]
    [InlineData("/relative")]
    public async Task Signing_keys_from_plain_http_outside_loopback_refuse_to_start(string url)
    {
        var settings = AuthHost.MultiTenant();
        settings["QuizBot:Auth:ChannelOpenIdMetadataUrl"] = url;
        Assert.Contains("QuizBot:Auth:ChannelOpenIdMetadataUrl must be an absolute https URL", await RefusalAsync(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_tenants_are_read_as_a_list_or_as_one_comma_separated_value()
    {
        var list = AuthHost.MultiTenant();
        list["QuizBot:AllowedTenants:0"] = "t1";
        list["QuizBot:AllowedTenants:1"] = " t2 ";
        var csv = AuthHost.MultiTenant();
        csv["QuizBot:AllowedTenants"] = "t1, t2";

        foreach (var settings in new[] { list, csv })
        {
            using var host = AuthHost.Build(settings);
            Assert.Equal(["t1", "t2"], host.Services.GetRequiredService<IOptions<BotAuthOptions>>().Value.AllowedTenants);
        }
    }
}
