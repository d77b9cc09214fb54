using QuizBot.Chat;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Slack;

// Where everything Slack sends arrives once it is verified and parsed, whichever way it came: the HTTP request URLs
// (SlackEndpoints) or Socket Mode. Both answer Slack first (HTTP 200 or the envelope's ack) and then run the work.
internal sealed partial class SlackInbox(SlackBot bot, Redeliveries redeliveries, ILogger<SlackInbox> log)
{
    // Slack resends an event it thinks we missed, with the same event_id, to any instance: it runs once (again only if
    // the first run failed, or its instance died and its lease ran out). Again: done already, acknowledge it; Busy:
    // still running, ask Slack to retry later.
    public Task<Delivery> TakeEventAsync(EventEnvelope envelope, CancellationToken ct) =>
        redeliveries.BeginAsync($"slack|{envelope.TeamId}|{envelope.EventId}", durable: true, ct);

    public async Task RunEventAsync(EventEnvelope envelope, Delivery.First first, CancellationToken ct)
    {
        try
        {
            await bot.OnEventAsync(envelope, ct);
        }
        catch
        {
            await redeliveries.FailAsync(first);
            throw;
        }
        await redeliveries.CompleteAsync(first, null);
    }

    // Socket Mode acknowledges before anything else, so there is no answer left to ask for a retry with: a redelivery
    // of an event taken elsewhere is only logged.
    public async Task EventAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (await TakeEventAsync(envelope, ct) is Delivery.First first)
        {
            await RunEventAsync(envelope, first, ct);
        }
        else
        {
            LogRedelivery(log, LogText.Safe(envelope.EventId));
        }
    }

    public Task InteractionAsync(BlockActionsPayload payload, CancellationToken ct) => bot.OnInteractionAsync(payload, ct);

    public Task<SlackBot.ViewSubmitted?> ViewSubmissionAsync(BlockActionsPayload payload, CancellationToken ct) => bot.OnViewSubmissionAsync(payload, ct);

    public Task CommandAsync(SlashCommand command, CancellationToken ct) => bot.OnCommandAsync(command, ct);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack redelivered event {EventId}; it ran already or is running")]
    private static partial void LogRedelivery(ILogger logger, string? eventId);
}
