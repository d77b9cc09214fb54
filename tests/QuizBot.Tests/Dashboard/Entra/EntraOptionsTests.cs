using Microsoft.Extensions.Options;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Entra;
using QuizBot.Tests.Dashboard.Entra.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Entra;

public sealed class EntraOptionsTests
{
    private static EntraOptions Valid() => new()
    {
        ClientId = FakeEntraServer.ClientId,
        ClientSecret = "secret",
        TenantId = FakeEntraServer.TenantId,
    };

    private static ValidateOptionsResult Validate(EntraOptions options, string? site = EntraHost.Site) =>
        new EntraOptionsValidator(Options.Create(new DashboardOptions { PublicBaseUrl = site })).Validate(null, options);

    [Fact]
    public void Without_a_client_id_Entra_ID_is_off_and_nothing_else_is_checked()
    {
        Assert.True(Validate(new EntraOptions { TenantId = "nonsense", Instance = "ftp://x" }, site: null).Succeeded);
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Theory]
    [InlineData("ClientId", "quizbot", "ClientId must be the app registration's Application (client) id")]
    [InlineData("ClientSecret", "", "ClientSecret is required")]
    [InlineData("TenantId", "contoso.onmicrosoft.com", "TenantId must be the directory (tenant) id")]
    [InlineData("TenantId", "common", "TenantId must be the directory (tenant) id")]
    [InlineData("TenantId", "organizations", "AllowedTenants must list the tenant ids")]
    [InlineData("Instance", "http://login.example.com/", "Instance must be an https address")]
    public void A_wrong_setting_is_named_with_what_it_must_be(string setting, string value, string message)
    {
        var options = Valid();
        switch (setting)
        {
            case "ClientId": options.ClientId = value; break;
            case "ClientSecret": options.ClientSecret = value; break;
            case "TenantId": options.TenantId = value; break;
            default: options.Instance = value; break;
        }

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("QuizBot:Dashboard:Entra:" + message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Organizations_with_allowed_tenants_admits_exactly_those_tenants()
    {
        var options = Valid();
        options.TenantId = "organizations";
        options.AllowedTenants.Add(FakeEntraServer.TenantId);

        Assert.True(Validate(options).Succeeded);
        Assert.True(options.Allows(FakeEntraServer.TenantId));
        Assert.False(options.Allows(FakeEntraServer.OtherTenantId));
        Assert.False(Valid().Allows(FakeEntraServer.OtherTenantId));
    }

    [Fact]
    public void Entra_ID_needs_the_dashboards_public_address()
    {
        var result = Validate(Valid(), site: null);

        Assert.Contains("QuizBot:Dashboard:PublicBaseUrl is not", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_refuses_to_start_half_configured_and_says_why()
    {
        await using var app = new BotApp(new()
        {
            ["QuizBot:Dashboard:PublicBaseUrl"] = EntraHost.Site,
            ["QuizBot:Dashboard:Entra:ClientId"] = FakeEntraServer.ClientId,
            ["QuizBot:Dashboard:Entra:ClientSecret"] = "secret",
            ["QuizBot:Dashboard:Entra:TenantId"] = "organizations",
        });

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("AllowedTenants must list the tenant ids", e.ToString(), StringComparison.Ordinal);
    }
}
