using Microsoft.Extensions.Options;
using QuizBot.Chat;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// Admins are listed in configuration (QuizBot:Admins, as user keys "<channel>:<id>"), granted per conversation, or
// vouched for by the channel (Slack workspace admins and owners). A listed entry counts only on its own channel:
// on Web Chat, Direct Line or the Emulator the client picks its own from.id, so a bare id would let anyone there
// claim a Teams admin's.
internal sealed class Admins(IConversationStore store, IOptions<QuizBotOptions> options)
{
    public async Task<bool> IsAdminAsync(Participant who, string conversationKey, CancellationToken ct)
    {
        if (who.ChannelAdmin || IsListed(who, options.Value.Admins))
        {
            return true;
        }
        return await store.IsAdminAsync(conversationKey, who.Key, ct);
    }

    // Named in configuration: an admin of the whole service, not only of some conversations or one workspace.
    public bool IsListedAdmin(Participant who) => IsListed(who, options.Value.Admins);

    // The person's own key, and the other ids their channel sent (Teams' aadObjectId), each under the person's channel.
    private static bool IsListed(Participant who, List<string> configured)
    {
        var channel = ChatKeys.ChannelOf(who.Key);
        return configured.Contains(who.Key, StringComparer.OrdinalIgnoreCase)
            || (who.Ids ?? []).Any(id => configured.Contains(ChatKeys.User(channel, id), StringComparer.OrdinalIgnoreCase));
    }

    public const string Refusal = "Sorry, only a QuizBot admin can do that here. Ask an admin to run `admin add @you`.";
}
