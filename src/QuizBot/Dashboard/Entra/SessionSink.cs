using Microsoft.AspNetCore.Authentication;

namespace QuizBot.Dashboard.Entra;

// The OpenID Connect handler needs a sign-in scheme, but an Entra ID sign-in ends in DashboardSessions (one cookie for
// every way in) and the ticket event always finishes the response first. This scheme keeps nothing; it also keeps
// ASP.NET Core from making the OpenID Connect scheme the default for every request (it does so for a lone scheme).
internal sealed class SessionSink : IAuthenticationSignInHandler
{
    public const string Scheme = "QuizBot.Dashboard.Session";

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context) => Task.CompletedTask;

    public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    public Task ChallengeAsync(AuthenticationProperties? properties) => throw Unused();

    public Task ForbidAsync(AuthenticationProperties? properties) => throw Unused();

    public Task SignInAsync(System.Security.Claims.ClaimsPrincipal user, AuthenticationProperties? properties) => throw Unused();

    public Task SignOutAsync(AuthenticationProperties? properties) => Task.CompletedTask;

    private static InvalidOperationException Unused() =>
        new("Dashboard sign-ins end in DashboardSessions.SignIn; nothing signs in, challenges or forbids through this scheme.");
}
