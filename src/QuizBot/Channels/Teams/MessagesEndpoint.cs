using System.Text.Json;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Chat;
using QuizBot.Http;
using QuizBot.Telemetry;

namespace QuizBot.Channels.Teams;

internal static partial class MessagesEndpoint
{
    // Real activities are a few KiB; a card action with a long text is still far below this.
    public const int MaxBodyBytes = 256 * 1024;

    // The channel sends a whole activity at once; a body still trickling in after this holds memory for nothing.
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    // The activity types the Bot Framework schema defines; anything else is a malformed request, not a new feature.
    private static readonly HashSet<string> KnownTypes =
    [
        "message", "invoke", "conversationUpdate", "installationUpdate", "typing", "endOfConversation", "event",
        "messageReaction", "messageUpdate", "messageDelete", "contactRelationUpdate", "deleteUserData",
        "suggestion", "trace", "handoff", "command", "commandResult",
    ];

    // A plain request delegate over the singletons it needs, resolved once: every click comes through here, and a
    // minimal-API handler would bind its parameters from the request's own service scope on every one of them.
    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var (bot, auth, time, redeliveries, log) = (services.GetRequiredService<TeamsBot>(), services.GetRequiredService<BotRequestAuthenticator>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<Redeliveries>(), services.GetRequiredService<ILogger<TeamsBot>>());
        app.MapPost("/api/messages", async http =>
        {
            var result = await HandleAsync(http, bot, auth, time, redeliveries, log, http.RequestAborted);
            await result.ExecuteAsync(http);
        });
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, TeamsBot bot, BotRequestAuthenticator auth, TimeProvider time,
        Redeliveries redeliveries, ILogger<TeamsBot> log, CancellationToken ct)
    {
        // The token first: a request without a valid one is refused before a byte of its body is read, whatever the
        // body holds, so a junk token learns nothing about it and costs no more than its headers.
        var token = await auth.VerifyTokenAsync(http.Request.Headers.Authorization, ct);
        if (!token.Succeeded)
        {
            LogUnauthenticated(log, LogText.Safe(token.Failure));
            return TypedResults.Unauthorized();
        }
        var (activity, error) = await ReadAsync(http.Request, time, ct);
        if (activity is null)
        {
            return error!;
        }
        // Then the claims that bind the token to this activity: the channel's (or the Emulator's) key for this
        // channel, and this serviceUrl; nothing runs otherwise.
        var authentication = auth.Bind(token, activity.ChannelId, activity.ServiceUrl, ActivityAuthentication.TenantOf(activity));
        if (!authentication.Succeeded)
        {
            LogUnauthenticated(log, LogText.Safe(authentication.Failure));
            return TypedResults.Unauthorized();
        }

        Delivery.First? first = null;
        Turn turn;
        try
        {
            if (KeyOf(activity) is { } key)
            {
                switch (await redeliveries.BeginAsync(key, durable: !IsAnswerClick(activity), ct))
                {
                    case Delivery.Again again:
                        return Again(activity, again.Answer);
                    case Delivery.Busy:
                        return StillRunning(http, activity);
                    case Delivery.First taken:
                        first = taken;
                        break;
                }
            }
            turn = await bot.OnActivityAsync(activity, ct);
        }
        catch (ConnectorException e)
        {
            await FailAsync(redeliveries, first);
            LogConnectorFailed(log, e.Status, e);
            return TypedResults.Json(new ErrorBody("The reply could not be delivered to the channel."), statusCode: StatusCodes.Status502BadGateway);
        }
        catch (Storage.StoreUnavailableException e)
        {
            // The store failed past its own retries: say so plainly; the store wrote all of the step or none of it.
            await FailAsync(redeliveries, first);
            LogStoreFailed(log, e);
            return TryAgainLater(http, activity, TryAgain);
        }
        catch
        {
            await FailAsync(redeliveries, first);
            throw;
        }
        if (first is not null)
        {
            // Kept as the answer's bytes, or for a round result as its shared layout and two values, not a card's object graph.
            await redeliveries.CompleteAsync(first, turn.Invoke);
        }
        if (turn.After is null)
        {
            return turn.Response;
        }
        await turn.Response.ExecuteAsync(http);
        await http.Response.CompleteAsync();
        try
        {
            // The request is answered; the follow-up must not die with the client's connection.
            await turn.After(CancellationToken.None);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or TaskCanceledException)
        {
            LogFollowUpFailed(log, e);
        }
        return TypedResults.Empty;
    }

    internal static async Task<(Activity?, IResult?)> ReadAsync(HttpRequest request, TimeProvider time, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Bad("The body must be a JSON activity (Content-Type: application/json)."));
        }
        try
        {
            using var body = await RequestBody.ReadAsync(request, MaxBodyBytes, ReadTimeout, time, ct);
            if (body.Expired)
            {
                return (null, TypedResults.Json(new ErrorBody($"The body took longer than {ReadTimeout.TotalSeconds:0} s to arrive."),
                    statusCode: StatusCodes.Status408RequestTimeout));
            }
            if (body.TooLarge)
            {
                return (null, TooLarge());
            }
            var activity = JsonSerializer.Deserialize(body.Span, BotJson.Default.Activity);
            return activity is null ? (null, Bad("The body is not an activity.")) : Validate(activity);
        }
        catch (JsonException e)
        {
            // Where, not the parser's own words: those name .NET types, which are nobody's business outside.
            return (null, Bad($"The body is not valid activity JSON: a missing, malformed or wrongly typed value at {e.Path ?? "$"} " +
                $"(line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})."));
        }
    }

    private static (Activity?, IResult?) Validate(Activity a)
    {
        if (string.IsNullOrEmpty(a.Type))
        {
            return (null, Bad("The activity has no type."));
        }
        if (!KnownTypes.Contains(a.Type))
        {
            return (null, Bad($"Unknown activity type '{a.Type}'."));
        }
        string? missing = null;
        if (string.IsNullOrEmpty(a.ChannelId)) missing = "channelId";
        else if (string.IsNullOrEmpty(a.Conversation?.Id)) missing = "conversation.id";
        else if (string.IsNullOrEmpty(a.From?.Id)) missing = "from.id";
        else if (!Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            missing = "serviceUrl (an absolute http or https URL)";
        return missing is null ? (a, null) : (null, Bad($"The activity lacks {missing}."));
    }

    public const string TryAgain = "QuizBot could not save that just now. Please try again in a moment.";

    public const string StillWorking = "QuizBot is still working on that. Please try again in a moment.";

    // Only what the bot acts on is remembered; typing, reactions and the like run nothing.
    private static string? KeyOf(Activity a) =>
        a.Id is { Length: > 0 } id && a.Type is "message" or "invoke" or "conversationUpdate" or "installationUpdate"
            ? DeliveryKey(a.ChannelId!, a.Conversation!.Id!, id)
            : null;

    internal static string DeliveryKey(string channelId, string conversationId, string activityId) => $"{channelId}|{conversationId}|{activityId}";

    // Answer clicks (and a person's view of a post) are idempotent by the stores' own keys: one answer per person and
    // question, whichever instance a redelivery lands on, and the redelivery gets the same verdict. They stay off the
    // stored record so that the click path writes nothing more.
    private static bool IsAnswerClick(Activity a)
    {
        var data = a.Value;
        if (a.Type == "invoke" && data is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("action", out var act) && act.ValueKind == JsonValueKind.Object)
        {
            act.TryGetProperty("data", out var inner);
            data = inner;
        }
        return data is { ValueKind: JsonValueKind.Object } d && CardAction.TryParse(d, out _) is CardAction.Answer or CardAction.RoundAnswer or CardAction.RoundView;
    }

    // A redelivery of work done: the first answer again (an invoke always had one; the fallback is for a lost record's).
    private static IResult Again(Activity activity, byte[]? answer) =>
        answer is not null ? new JsonBytes(answer)
        : activity.Type == "invoke" ? TypedResults.Json(InvokeResponse.Message("Done."), BotJson.Default.InvokeResponse)
        : TypedResults.Ok();

    // The first delivery is still running (here or on another instance): a bare 200 would lose its reply if it then
    // failed, so the channel is asked to deliver again later, when the work is done or its record cleared.
    private static IResult StillRunning(HttpContext http, Activity activity) => TryAgainLater(http, activity, StillWorking);

    // 503 with Retry-After, which the Bot Framework channel retries; an invoke gets it in its own answer shape.
    private static IResult TryAgainLater(HttpContext http, Activity activity, string message)
    {
        http.Response.Headers.RetryAfter = ((int)Redeliveries.Wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return activity.Type == "invoke"
            ? TypedResults.Json(InvokeResponse.Error(503, "ServiceUnavailable", message), BotJson.Default.InvokeResponse)
            : TypedResults.Json(new ErrorBody(message), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static Task FailAsync(Redeliveries redeliveries, Delivery.First? first) =>
        first is null ? Task.CompletedTask : redeliveries.FailAsync(first);

    private static IResult Bad(string message) => TypedResults.BadRequest(new ErrorBody(message));

    private static IResult TooLarge() =>
        TypedResults.Json(new ErrorBody($"The body is larger than {MaxBodyBytes} bytes."), statusCode: StatusCodes.Status413PayloadTooLarge);

    internal sealed record ErrorBody(string Error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The store failed while handling an activity")]
    private static partial void LogStoreFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Bot Connector refused a reply with {Status}")]
    private static partial void LogConnectorFailed(ILogger logger, int status, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A follow-up message after an invoke could not be sent")]
    private static partial void LogFollowUpFailed(ILogger logger, Exception e);
}
