using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QuizBot.Chat;

internal sealed class PublishingOptionsValidator : IValidateOptions<PublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishingOptions o) =>
        string.IsNullOrWhiteSpace(o.Instance)
            ? ValidateOptionsResult.Fail("QuizBot:Scheduler:Instance must not be empty: leave it unset for a generated name.")
            : !(o.SendTimeoutSeconds > 0 && o.SendTimeoutSeconds <= 300)
                ? ValidateOptionsResult.Fail("QuizBot:Scheduler:SendTimeoutSeconds must be a number of seconds above 0 and at most 300.")
                : !(o.ClaimLeaseSeconds > o.SendTimeoutSeconds && o.ClaimLeaseSeconds <= 3600)
                    ? ValidateOptionsResult.Fail("QuizBot:Scheduler:ClaimLeaseSeconds must be above SendTimeoutSeconds and at most 3600.")
                    : ValidateOptionsResult.Success;
}

internal static class ChatSetup
{
    // The channel-neutral layer every channel adapter calls: commands, card actions, round publishing, redeliveries.
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration("QuizBot:Scheduler").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublishingOptions>, PublishingOptionsValidator>());
        services.AddSingleton<Conversations>();
        services.AddSingleton<ChatOutbounds>();
        services.AddSingleton<ConversationSends>();
        services.AddSingleton<RoundPublisher>();
        services.AddSingleton<RoundCommands>();
        services.AddSingleton<ReviewCommands>();
        services.AddSingleton<DisputeCommands>();
        // `dashboard` hands out sign-in links, so the dashboard's settings and links come with chat.
        Dashboard.DashboardSetup.AddDashboardCore(services);
        services.TryAddSingleton<Dashboard.SignInLinks>();
        services.AddSingleton<DashboardCommands>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>());
        services.TryAddSingleton<IBankImports, LibraryImports>();
        services.AddSingleton<BankUploads>();
        Http.FileDownload.Register(services);
        services.AddSingleton<Http.FileDownload>();
        services.AddSingleton<ChatBot>();
        services.AddSingleton<Redeliveries>();
        return services;
    }
}
