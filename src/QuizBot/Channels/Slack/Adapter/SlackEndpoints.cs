using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using QuizBot.Chat;
using QuizBot.Storage;

namespace QuizBot.Channels.Slack;

internal static partial class SlackEndpoints
{
    // Slack's three request URLs. Each checks the signature before parsing anything, answers at once, and does the work
    // after the answer within the same request (as the Teams endpoint does for its follow-ups), so a graceful shutdown
    // waits for it. Off, with a line in the log, when Slack is not configured.
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.Enabled)
        {
            LogOff(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints)));
            return app;
        }
        if (options.HttpEnabled)
        {
            app.MapPost("/api/slack/events", EventsAsync);
            app.MapPost("/api/slack/interactions", InteractionsAsync);
            app.MapPost("/api/slack/commands", CommandsAsync);
        }
        if (options.OAuthEnabled)
        {
            app.MapSlackInstall();
        }
        return app;
    }

    private static async Task<IResult> EventsAsync(HttpContext http, SlackRequestReader reader, SlackInbox inbox, ILogger<SlackBot> log,
        CancellationToken ct)
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
            case EventEnvelope.EventCallback when envelope.EventId is { Length: > 0 }:
                Delivery delivery;
                try
                {
                    delivery = await inbox.TakeEventAsync(envelope, ct);
                }
                catch (StoreUnavailableException e)
                {
                    LogTakeFailed(log, e);
                    return TryAgainLater(http);
                }
                switch (delivery)
                {
                    case Delivery.First first:
                        return await AnswerThenAsync(http, log, token => inbox.RunEventAsync(envelope, first, token));
                    case Delivery.Busy:
                        // Still running (here or on another instance): if it then fails, Slack's retry does the work.
                        return TryAgainLater(http);
                    default:
                        return TypedResults.Ok();
                }
            default:
                return Bad("The body is not a Slack event.");
        }
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, SlackRequestReader reader, SlackInbox inbox, ILogger<SlackBot> log,
        CancellationToken ct)
    {
        var read = await reader.ReadAsync(http.Request, SlackRequestReader.MaxInteractionBytes, ct);
        if (read.Request is not { } request)
        {
            return read.Failure!;
        }
        var payload = SlackPayloads.ParseInteraction(request.Body);
        if (payload is { Type: BlockActionsPayload.ViewSubmission })
        {
            // A modal's errors must be the answer itself (response_action "errors"), so the report is made before it.
            if (await inbox.ViewSubmissionAsync(payload, ct) is not { } submitted)
            {
                return Bad("The body is not a submission of a QuizBot form.");
            }
            return submitted.Errors is { } errors ? TypedResults.Json(errors) : await AnswerThenAsync(http, log, submitted.After);
        }
        if (payload is not { Type: BlockActionsPayload.BlockActions })
        {
            return Bad("The body is not a Slack block_actions payload.");
        }
        return await AnswerThenAsync(http, log, token => inbox.InteractionAsync(payload, token));
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, SlackRequestReader reader, SlackInbox inbox, ILogger<SlackBot> log,
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
        // An empty 200 shows nothing; the reply follows as messages.
        return await AnswerThenAsync(http, log, token => inbox.CommandAsync(command, token));
    }

    // Slack wants its 200 within 3 s: send it, then do the work. The work must not die with Slack's connection, and its
    // failure can no longer change the answer: it is logged (the person sees nothing, as with any lost message).
    private static async Task<IResult> AnswerThenAsync(HttpContext http, ILogger log, Func<CancellationToken, Task> work)
    {
        await TypedResults.Ok().ExecuteAsync(http);
        await http.Response.CompleteAsync();
        try
        {
            await work(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWorkFailed(log, e);
        }
        return TypedResults.Empty;
    }

    // Slack retries an event answered with an error (after about 1 and 5 minutes); the store's failure is one too.
    private static IResult TryAgainLater(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)Redeliveries.Wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Bad(string message) => TypedResults.BadRequest(new JsonObject { ["error"] = message });

    [LoggerMessage(Level = LogLevel.Error, Message = "The store failed while taking a Slack event; Slack will deliver it again")]
    private static partial void LogTakeFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed after its request was answered")]
    private static partial void LogWorkFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack:SigningSecret (or Slack:AppToken for Socket Mode) and Slack:BotToken (or Slack:ClientId and Slack:ClientSecret) to turn it on; see README")]
    private static partial void LogOff(ILogger logger);
}
