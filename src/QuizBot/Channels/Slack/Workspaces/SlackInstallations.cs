namespace QuizBot.Channels.Slack;

// Workspaces that installed the app (OAuth v2), and what happens when one uninstalls it or revokes its tokens.
internal class SlackInstallations
{
    // app_uninstalled or tokens_revoked.
    public virtual Task OnRevokedAsync(EventEnvelope envelope, CancellationToken ct) => Task.CompletedTask;
}
