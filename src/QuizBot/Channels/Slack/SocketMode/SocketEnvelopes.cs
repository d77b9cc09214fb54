namespace QuizBot.Channels.Slack;

// Turns an acknowledged envelope into the work the matching HTTP endpoint would do, through the same SlackInbox. Null:
// nothing to run (a kind of interaction the bot does not handle, or a malformed payload,
// which is logged by ids only: payloads carry people's messages).
internal sealed partial class SocketEnvelopes(SlackInbox inbox, ILogger<SocketEnvelopes> log)
{
    public Func<CancellationToken, Task>? WorkFor(SocketMessage message)
    {
        var id = message.EnvelopeId!;
        if (message.Payload is not { } payload)
        {
            LogMalformed(log, message.Type, id);
            return null;
        }
        switch (message.Type)
        {
            case SocketMessage.EventsApi:
                // The payload is the event_callback body the Events API request URL receives.
                if (SlackPayloads.ParseEvent(payload) is not { Type: EventEnvelope.EventCallback, EventId: { Length: > 0 } } envelope)
                {
                    LogMalformed(log, message.Type, id);
                    return null;
                }
                // A redelivery is recognised (through the store) when its work runs.
                return ct => inbox.EventAsync(envelope, ct);
            case SocketMessage.Interactive:
                var interaction = SlackPayloads.ParseInteractionJson(payload);
                if (interaction?.Type is null)
                {
                    LogMalformed(log, message.Type, id);
                    return null;
                }
                // Shortcuts are not part of QuizBot; the HTTP endpoint refuses them too. A report modal's submission was
                // acknowledged before it was read, so its errors cannot show beside the fields: they come as an
                // ephemeral message instead (ViewSubmitted.After says them).
                return interaction.Type switch
                {
                    BlockActionsPayload.BlockActions => ct => inbox.InteractionAsync(interaction, ct),
                    BlockActionsPayload.ViewSubmission => async ct =>
                    {
                        if (await inbox.ViewSubmissionAsync(interaction, ct) is { } submitted)
                        {
                            await submitted.After(ct);
                        }
                    },
                    _ => null,
                };
            case SocketMessage.SlashCommands:
                if (SlackPayloads.ParseCommandJson(payload) is not { Command: not null } command)
                {
                    LogMalformed(log, message.Type, id);
                    return null;
                }
                return ct => inbox.CommandAsync(command, ct);
            default:
                LogUnknown(log, message.Type, id);
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Slack Socket Mode {Type} envelope {EnvelopeId}: its payload is not what Slack sends")]
    private static partial void LogMalformed(ILogger logger, string? type, string envelopeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a Slack Socket Mode envelope of type {Type} ({EnvelopeId})")]
    private static partial void LogUnknown(ILogger logger, string? type, string envelopeId);
}
