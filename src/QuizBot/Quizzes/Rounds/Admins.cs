using Microsoft.Extensions.Options;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// Admins are listed in configuration (QuizBot:Admins, by the ids the channel sends), granted per conversation, or
// vouched for by the channel (Slack workspace admins and owners).
internal sealed class Admins(IConversationStore store, IOptions<QuizBotOptions> options)
{
    public async Task<bool> IsAdminAsync(Participant who, string conversationKey, CancellationToken ct)
    {
        var configured = options.Value.Admins;
        if (who.ChannelAdmin || configured.Contains(who.Key, StringComparer.OrdinalIgnoreCase)
            || (who.Ids ?? []).Any(id => configured.Contains(id, StringComparer.OrdinalIgnoreCase)))
        {
            return true;
        }
        return await store.IsAdminAsync(conversationKey, who.Key, ct);
    }

    public const string Refusal = "Sorry, only a QuizBot admin can do that here. Ask an admin to run `admin add @you`.";
}
