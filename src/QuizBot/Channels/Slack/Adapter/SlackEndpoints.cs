using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QuizBot.Chat;

namespace QuizBot.Channels.Slack;

internal static partial class SlackEndpoints
{
    // Slack's three request URLs. Each checks the signature before parsing anything, answers at once, and does the work
    // after the answer (SlackBackground). Off, with a line in the log, when Slack is not configured.
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.Enabled)
        {
            LogOff(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints)));
            return app;
        }
        app.MapPost("/api/slack/events", EventsAsync);
        app.MapPost("/api/slack/interactions", InteractionsAsync);
        app.MapPost("/api/slack/commands", CommandsAsync);
        return app;
    }

    private static async Task<IResult> EventsAsync(HttpContext http, SlackRequestReader reader, SlackBot bot, SlackBackground background,
        Redeliveries redeliveries, CancellationToken ct)
    {
        var read = await reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, ct);
        if (read.Request is not { } request)
        {
            return read.Failure!;
        }
        var envelope = SlackPayloads.ParseEvent(request.Body);
        switch (envelope?.Type)
        {
            case EventEnvelope.UrlVerification when envelope.Challenge is { } challenge:
                return TypedResults.Json(new JsonObject { ["challenge"] = challenge });
            case EventEnvelope.EventCallback when envelope.EventId is { Length: > 0 } id:
                // Slack resends an event it thinks we missed, with the same event_id: it runs once (again only if the
                // first run failed).
                var key = $"slack|{envelope.TeamId}|{id}";
                if (redeliveries.TryBegin(key, out _))
                {
                    background.Run($"event {id}", async token =>
                    {
                        try
                        {
                            await bot.OnEventAsync(envelope, token);
                            redeliveries.Complete(key, null);
                        }
                        catch
                        {
                            redeliveries.Forget(key);
                            throw;
                        }
                    });
                }
                return TypedResults.Ok();
            default:
                return Bad("The body is not a Slack event.");
        }
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, SlackRequestReader reader, SlackBot bot, SlackBackground background,
        CancellationToken ct)
    {
        var read = await reader.ReadAsync(http.Request, SlackRequestReader.MaxInteractionBytes, ct);
        if (read.Request is not { } request)
        {
            return read.Failure!;
        }
        if (SlackPayloads.ParseInteraction(request.Body) is not { Type: BlockActionsPayload.BlockActions } payload)
        {
            return Bad("The body is not a Slack block_actions payload.");
        }
        background.Run("button click", token => bot.OnInteractionAsync(payload, token));
        return TypedResults.Ok();
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, SlackRequestReader reader, SlackBot bot, SlackBackground background,
        CancellationToken ct)
    {
        var read = await reader.ReadAsync(http.Request, SlackRequestReader.MaxEventBytes, ct);
        if (read.Request is not { } request)
        {
            return read.Failure!;
        }
        if (SlackPayloads.ParseCommand(request.Body) is not { Command: not null } command)
        {
            return Bad("The body is not a Slack slash command.");
        }
        background.Run("slash command", token => bot.OnCommandAsync(command, token));
        // An empty 200 shows nothing; the reply follows as messages.
        return TypedResults.Ok();
    }

    private static IResult Bad(string message) => TypedResults.BadRequest(new JsonObject { ["error"] = message });

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack:SigningSecret and Slack:BotToken to turn on /api/slack/*")]
    private static partial void LogOff(ILogger logger);
}
