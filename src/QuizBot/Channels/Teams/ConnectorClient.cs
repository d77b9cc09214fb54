using System.Text.Json.Nodes;

namespace QuizBot.Channels.Teams;

// Bot Connector REST: the way back to a conversation. Paths are joined by hand because serviceUrl comes
// with or without a trailing slash and conversation ids carry ':', '@', ';' and '='.
// A singleton: each call takes a pooled client from the factory, so proactive posting from the scheduler and replies
// within a request share the same handlers (tokens, retries, rate limits).
internal sealed class ConnectorClient(IHttpClientFactory clients)
{
    public const string HttpClientName = "connector";

    // scheduled: a round's own send (TeamsOutbound), which the rate limiter lets go before interactive replies.
    public Task<string?> SendAsync(ConversationAddress to, Activity activity, CancellationToken ct, bool scheduled = false) =>
        WriteAsync(HttpMethod.Post, to, Url(to.ServiceUrl, to.ConversationId, null), activity, ct, scheduled);

    public Task<string?> ReplyAsync(ConversationAddress to, string replyToId, Activity activity, CancellationToken ct) =>
        WriteAsync(HttpMethod.Post, to, Url(to.ServiceUrl, to.ConversationId, replyToId), activity, ct);

    public Task<string?> UpdateAsync(ConversationAddress to, string activityId, Activity activity, CancellationToken ct, bool scheduled = false) =>
        WriteAsync(HttpMethod.Put, to, Url(to.ServiceUrl, to.ConversationId, activityId), activity with { Id = activityId }, ct, scheduled);

    // POST v3/conversations: the 1:1 chat between the bot and one person of the tenant (Teams answers the existing one's id
    // when there is one), for what only that person should read.
    public async Task<string> CreatePersonalAsync(ConversationAddress from, string userId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = from.Bot.Id, ["name"] = from.Bot.Name },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["isGroup"] = false,
            ["tenantId"] = from.TenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = from.TenantId } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{from.ServiceUrl.TrimEnd('/')}/v3/conversations", UriKind.Absolute))
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Options.Set(Outbound.ConnectorRequest.Tenant, from.TenantId);
        request.Options.Set(Outbound.ConnectorRequest.Scheduled, true);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException((int)response.StatusCode, text.Length > 500 ? text[..500] : text);
        }
        return (JsonNode.Parse(text)?["id"]?.GetValue<string>()) is { Length: > 0 } id
            ? id
            : throw new ConnectorException((int)response.StatusCode, "The created conversation has no id.");
    }

    public static Uri Url(string serviceUrl, string conversationId, string? activityId)
    {
        var url = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (activityId is not null)
        {
            url += "/" + Uri.EscapeDataString(activityId);
        }
        return new Uri(url, UriKind.Absolute);
    }

    private async Task<string?> WriteAsync(HttpMethod method, ConversationAddress to, Uri url, Activity activity, CancellationToken ct,
        bool scheduled = false)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = JsonContent.Create(activity, BotJson.Default.Activity),
        };
        // The rate limiter counts sends per tenant as well as per conversation.
        request.Options.Set(Outbound.ConnectorRequest.Tenant, to.TenantId);
        request.Options.Set(Outbound.ConnectorRequest.Scheduled, scheduled);
        var http = clients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new ConnectorException((int)response.StatusCode, body.Length > 500 ? body[..500] : body);
        }
        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }
        var created = await response.Content.ReadFromJsonAsync(BotJson.Default.ResourceResponse, ct);
        return created?.Id;
    }
}

internal sealed class ConnectorException(int status, string body)
    : Exception($"The Bot Connector answered {status}: {body}")
{
    public int Status { get; } = status;
    public string Body { get; } = body;
}

// Where to send: enough of a conversation reference to post into it later, without the incoming activity.
internal sealed record ConversationAddress(string ChannelId, string ServiceUrl, string ConversationId, string? TenantId, ChannelAccount Bot)
{
    public static ConversationAddress From(Activity a) =>
        new(a.ChannelId!, a.ServiceUrl!, a.Conversation!.Id!, a.Conversation.TenantId, a.Recipient ?? new ChannelAccount { Id = "bot" });

    // For posts that start their own thread: the channel itself, not the thread the command was typed in.
    public static ConversationAddress Proactive(Activity a) => From(a) with { ConversationId = BaseId(a.Conversation!.Id!) };

    public static string BaseId(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    public Activity Message(string? text, params JsonNode[] cards) => new()
    {
        Type = "message",
        From = Bot,
        Conversation = new ConversationAccount { Id = ConversationId, TenantId = TenantId },
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Attachments = cards.Length == 0 ? null : cards.Select(c => new Attachment(InvokeResponse.CardType, c)).ToList(),
    };
}
