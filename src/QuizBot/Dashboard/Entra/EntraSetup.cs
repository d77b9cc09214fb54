using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard.Entra;

internal static class EntraSetup
{
    // Entra ID sign-in, the Teams tab's single sign-on and the identity links both rely on; all off without a ClientId.
    public static IServiceCollection AddDashboardEntra(this IServiceCollection services)
    {
        services.AddDashboardCore();
        services.AddOptions<EntraOptions>().BindConfiguration(EntraOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraOptions>, EntraOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EntraIdentities>();
        // Replaces the default that remembers nobody: every `dashboard` typed in Teams now links the person's object id.
        services.Replace(ServiceDescriptor.Singleton<IDashboardIdentities>(sp => sp.GetRequiredService<EntraIdentities>()));
        services.TryAddSingleton<EntraTokens>();
        services.TryAddSingleton<TeamsTab>();
        services.TryAddSingleton(sp => new TeamsJsBundle(sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));
        services.AddHttpClient(EntraTokens.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

        // Both schemes are added at start only when configured (MapDashboardEntra): a scheme without a client id fails
        // its options check on every request that the authentication middleware looks at, and a lone scheme becomes
        // every request's default, so each bot request would create and ask its handler for nothing.
        services.AddAuthentication();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, EntraSignIn>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<OpenIdConnectOptions>(EntraSignIn.Scheme).Validate(o =>
        {
            o.Validate(EntraSignIn.Scheme);
            return true;
        });
        return services;
    }

    public static WebApplication MapDashboardEntra(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<EntraOptions>>().Value.Enabled)
        {
            var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
            schemes.TryAddScheme(new AuthenticationScheme(SessionSink.Scheme, null, typeof(SessionSink)));
            schemes.TryAddScheme(new AuthenticationScheme(EntraSignIn.Scheme, "Microsoft Entra ID", typeof(OpenIdConnectHandler)));
            // The sign-in callback is handled by the middleware, ahead of the endpoints.
            app.UseAuthentication();
        }
        else
        {
            // No scheme, so nothing for the middleware to do: but WebApplication adds it to every request's pipeline
            // whenever authentication is registered, unless the app has said it placed it itself (the key
            // UseAuthentication sets). Each bot click would then create a request service scope and ask for schemes.
            ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        }
        EntraEndpoints.Map(app);
        return app;
    }

    // Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions.AuthenticationMiddlewareSetKey, which WebApplication reads.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
}
