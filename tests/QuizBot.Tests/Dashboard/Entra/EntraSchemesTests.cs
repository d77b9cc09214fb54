using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuizBot.Dashboard.Entra;
using QuizBot.Tests.Dashboard.Entra.Support;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Entra;

// Issue 16: authentication exists for the dashboard's Entra ID sign-in only. Without it configured there is no scheme,
// so no request (every bot click among them) has one created and asked; with it, neither scheme is a default.
public sealed class EntraSchemesTests
{
    [Fact]
    public async Task Without_Entra_ID_no_scheme_stands_in_front_of_every_request()
    {
        await using var app = new BotApp();
        _ = app.CreateClient();
        var schemes = app.Get<IAuthenticationSchemeProvider>();

        Assert.Empty(await schemes.GetAllSchemesAsync());
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    [Fact]
    public async Task With_Entra_ID_both_its_schemes_exist_and_neither_is_every_requests_default()
    {
        await using var host = new EntraHost();
        using var client = host.Client();
        var schemes = host.App.Get<IAuthenticationSchemeProvider>();

        Assert.Equal([EntraSignIn.Scheme, SessionSink.Scheme], (await schemes.GetAllSchemesAsync()).Select(s => s.Name).Order());
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    // Issue 16: the authentication middleware asks for the request's handler schemes on every request it sees (after
    // creating the request's service scope to find them). Without Entra ID it must see none: not a bot click, not a page.
    [Fact]
    public async Task Without_Entra_ID_requests_do_not_pass_through_the_authentication_middleware()
    {
        var counting = new CountingSchemes();
        await using var app = new BotApp(services: s => s.AddSingleton<IAuthenticationSchemeProvider>(counting));
        using var client = app.CreateClient();

        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
        using var _ = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.Equal(0, counting.Asked);
    }

    [Fact]
    public async Task With_Entra_ID_requests_pass_through_the_authentication_middleware()
    {
        var counting = new CountingSchemes();
        await using var host = new EntraHost(services: s => s.AddSingleton<IAuthenticationSchemeProvider>(counting));
        using var client = host.Client();

        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();

        Assert.Equal(1, counting.Asked);
    }

    private sealed class CountingSchemes() : AuthenticationSchemeProvider(Options.Create(new AuthenticationOptions()))
    {
        public int Asked;

        public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            Interlocked.Increment(ref Asked);
            return base.GetRequestHandlerSchemesAsync();
        }
    }
}
