using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Channels.Teams.Auth;

namespace QuizBot.Tests.Auth.Support;

// A real generic host with nothing but AddBotAuthentication, so options validation runs as at start-up.
public static class AuthHost
{
    public const string AppId = "3f1c7a52-6a0e-4b4e-9c1a-5f7f2b9d0a11";

    public static IHost Build(Dictionary<string, string?> settings, string environment = "Production",
        TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddBotAuthentication(builder.Configuration);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static Dictionary<string, string?> MultiTenant(FakeIdentityServer? idp = null) => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "s3cret",
        ["MicrosoftAppType"] = "MultiTenant",
        ["QuizBot:Auth:ChannelOpenIdMetadataUrl"] = idp?.ChannelMetadataUrl,
        ["QuizBot:Auth:EmulatorOpenIdMetadataUrl"] = idp?.EmulatorMetadataUrl,
    };

    public static async Task<IHost> StartedAsync(Dictionary<string, string?> settings, string environment = "Production",
        FakeTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var host = Build(settings, environment, time, services);
        await host.StartAsync();
        return host;
    }
}
