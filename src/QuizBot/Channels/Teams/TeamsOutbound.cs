using System.Text.Json;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Channels.Teams.Outbound;
using QuizBot.Chat;

namespace QuizBot.Channels.Teams;

// Chat's outbound port over the Bot Connector, for every Bot Framework channel (Teams, Web Chat, the Emulator).
internal sealed class TeamsOutbound(ConnectorClient connector, TeamsViews views, TrustedServiceUrls trusted) : IChatOutbound
{
    // Native channels with adapters of their own; the Bot Framework owns every other channel id.
    private static readonly string[] NativeChannels = ["slack"];

    public bool Owns(string channel) => channel.Length > 0 && !NativeChannels.Contains(channel);

    public int PersonalViewLimit => RoundCards.MaxRefreshUsers;

    public static string Serialize(ConversationAddress address) => JsonSerializer.Serialize(address, BotJson.Default.ConversationAddress);

    public Task<string?> PostAsync(string address, ChatView view, CancellationToken ct) =>
        DeliverAsync(address, to => connector.SendAsync(to, views.Message(to, [view]), ct, scheduled: true), ct);

    public Task UpdateAsync(string address, string messageId, ChatView view, CancellationToken ct) =>
        DeliverAsync(address, to => connector.UpdateAsync(to, messageId, views.Message(to, [view]), ct, scheduled: true), ct);

    // Teams: the person's 1:1 chat with the bot. Other Bot Framework channels (Web Chat, the Emulator) are one person's
    // conversation already.
    public Task TellAsync(string address, string userKey, ChatView view, CancellationToken ct) =>
        DeliverAsync(address, async to =>
        {
            var personal = to.ChannelId == "msteams" ? to with { ConversationId = await connector.CreatePersonalAsync(to, ChatKeys.LocalId(userKey), ct) } : to;
            return await connector.SendAsync(personal, views.Message(personal, [view]), ct, scheduled: true);
        }, ct);

    private async Task<string?> DeliverAsync(string address, Func<ConversationAddress, Task<string?>> send, CancellationToken ct)
    {
        var to = JsonSerializer.Deserialize(address, BotJson.Default.ConversationAddress)
            ?? throw new DeliveryFailedException("The stored conversation address is empty.", gone: false);
        // Stored only from authenticated activities, so its serviceUrl stays trusted across restarts.
        trusted.Trust(to.ServiceUrl);
        try
        {
            return await send(to);
        }
        catch (ConnectorException e)
        {
            var gone = ConnectorFailure.IsBlocked(e, out var reason);
            var passing = reason == ConnectorFailure.NotFoundCode;
            throw new DeliveryFailedException(gone ? $"{e.Status} {reason}" : $"The Bot Connector answered {e.Status}", gone && !passing, e)
            {
                GoneIfPersistent = passing,
            };
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException
            || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Network trouble past the retries, or a service URL no longer trusted.
            throw new DeliveryFailedException(e.Message, gone: false, e);
        }
    }
}
