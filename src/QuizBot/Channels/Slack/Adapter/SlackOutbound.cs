using QuizBot.Chat;

namespace QuizBot.Channels.Slack;

// Chat's outbound port over Slack's Web API: posts are chat.postMessage, updates chat.update of the bot's own message.
internal sealed class SlackOutbound(SlackWebApi api, SlackViews views) : IChatOutbound
{
    public bool Owns(string channel) => channel == SlackAddress.ChannelName;

    // A Slack message looks the same to everyone: each person's own result goes to them as an ephemeral message.
    public int PersonalViewLimit => 0;

    public Task<string?> PostAsync(string address, ChatView view, CancellationToken ct) =>
        DeliverAsync(address, view, async (to, message) => (string?)await api.PostMessageAsync(to.Team, to.Channel, message.Text, message.Blocks, ct));

    public Task UpdateAsync(string address, string messageId, ChatView view, CancellationToken ct) =>
        DeliverAsync(address, view, async (to, message) =>
        {
            await api.UpdateAsync(to.Team, to.Channel, messageId, message.Text, message.Blocks, ct);
            return messageId;
        });

    // An ephemeral message in the conversation: only that person sees it.
    public Task TellAsync(string address, string userKey, ChatView view, CancellationToken ct) =>
        DeliverAsync(address, view, (to, message) =>
            api.PostEphemeralAsync(to.Team, to.Channel, SlackUser(userKey), message.Text, message.Blocks, ct));

    // User keys are "slack:{team}:{user}" (SlackAddress.UserKey).
    private static string SlackUser(string userKey)
    {
        var local = ChatKeys.LocalId(userKey);
        return local[(local.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }

    private async Task<string?> DeliverAsync(string address, ChatView view, Func<SlackAddress, SlackMessage, Task<string?>> send)
    {
        var to = SlackAddress.Parse(address) ?? throw new DeliveryFailedException("The stored Slack address is not readable.", gone: false);
        try
        {
            return await send(to, views.Render(view));
        }
        catch (SlackApiException e)
        {
            throw new DeliveryFailedException($"Slack answered {e.Error} to {e.Method}", e.IsConversationGone, e);
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryFailedException(e.Message, gone: false, e);
        }
    }
}
