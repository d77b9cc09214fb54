using QuizBot.Chat;

namespace QuizBot.Channels.Slack;

// Where everything Slack sends arrives once it is verified and parsed, whichever way it came: the HTTP request URLs
// (SlackEndpoints) or Socket Mode. Both answer Slack first (HTTP 200 or the envelope's ack) and then run the work.
internal sealed class SlackInbox(SlackBot bot, Redeliveries redeliveries)
{
    // Slack resends an event it thinks we missed, with the same event_id: it runs once (again only if the first run
    // failed). False: this one is a redelivery of an event already taken; acknowledge it and do nothing.
    public bool TryTakeEvent(EventEnvelope envelope, out string key)
    {
        key = $"slack|{envelope.TeamId}|{envelope.EventId}";
        return redeliveries.TryBegin(key, out _);
    }

    public async Task RunEventAsync(EventEnvelope envelope, string key, CancellationToken ct)
    {
        try
        {
            await bot.OnEventAsync(envelope, ct);
            redeliveries.Complete(key, null);
        }
        catch
        {
            redeliveries.Forget(key);
            throw;
        }
    }

    public Task InteractionAsync(BlockActionsPayload payload, CancellationToken ct) => bot.OnInteractionAsync(payload, ct);

    public Task CommandAsync(SlashCommand command, CancellationToken ct) => bot.OnCommandAsync(command, ct);
}
