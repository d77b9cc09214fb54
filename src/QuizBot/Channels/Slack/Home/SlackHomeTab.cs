namespace QuizBot.Channels.Slack;

// The App Home tab (views.publish): a person's own stats, their open questions and their channels' week boards.
internal class SlackHomeTab
{
    // app_home_opened: the person looked at the app's Home (or Messages) tab.
    public virtual Task OnOpenedAsync(string team, SlackEvent opened, CancellationToken ct) => Task.CompletedTask;

    // After the person answered: their Home shows the new figures next time they look.
    public virtual Task RefreshAsync(string team, string user, CancellationToken ct) => Task.CompletedTask;
}
