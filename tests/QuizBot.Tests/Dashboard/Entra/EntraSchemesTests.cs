using Microsoft.AspNetCore.Authentication;
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
}
