using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Channels.Slack;

// The App Home tab (views.publish): a person's own stats, their open questions and their channels' week boards, across
// the channels of one workspace. Published when they open it and again after they answer, at most once per
// RefreshInterval for a burst of answers (views.publish is metered per workspace, about 100 a minute). A failed
// publish is logged and dropped: the Home is a convenience and the next answer or visit publishes it again.
internal sealed partial class SlackHomeTab(
    PersonSummaries summaries, SlackViews views, SlackWebApi api, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<SlackHomeTab> log)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private readonly RefreshGate _gate = new(time, RefreshInterval, lifetime.ApplicationStopping);

    // One background refresh at a time per workspace. views.publish leaves at Slack's pace (about 100 a minute), so a
    // burst of answers from many people queues refreshes for minutes; each reads and renders its person's Home only
    // once it is next in line, not at the click, so a burst costs a waiting task per person instead of every Home read
    // and rendered up front and held in memory until its turn, and what is published is as of its turn.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new(StringComparer.Ordinal);

    // app_home_opened: the person looked at the app's Home or Messages tab; only Home shows this view.
    public async Task OnOpenedAsync(string team, SlackEvent opened, CancellationToken ct)
    {
        if (opened is { Tab: "home", User: { Length: > 0 } user })
        {
            await PublishAsync(team, user, ct);
        }
    }

    // After the person answered: publishes in the background, now or, within a burst, once at the end of the interval.
    public void Refresh(string team, string user) =>
        _gate.Request($"{team}:{user}", token => RefreshAsync(team, user, token));

    private async Task RefreshAsync(string team, string user, CancellationToken ct)
    {
        var turn = _refreshing.GetOrAdd(team, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        try
        {
            await PublishAsync(team, user, ct);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task PublishAsync(string team, string user, CancellationToken ct)
    {
        try
        {
            var who = new Participant(SlackAddress.UserKey(team, user), user, [user]);
            var summary = await summaries.ForAsync(ChatKeys.Conversation(SlackAddress.ChannelName, team + ":"), who, ct);
            await api.ViewsPublishAsync(team, user, SlackHomeView.Render(views, summary, time.GetUtcNow()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPublishFailed(log, team, user, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the Home tab of {User} in workspace {Team} failed; the next visit or answer tries again")]
    private static partial void LogPublishFailed(ILogger logger, string team, string user, Exception e);
}
