using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Chat;

// Team rounds in chat, for every channel: the admin commands, the boards, and answers to posted questions.
// Quiz rules live in the engine; this decides what each outcome looks like and who sees it.
internal sealed class RoundCommands(
    RoundAdmin admin, RoundAnswers answers, Leaderboards boards, BankCatalog banks, RoundPublisher publisher, Conversations conversations)
{
    private static readonly string[] AdminVerbs = ["schedule", "pause", "resume", "cancel", "post", "admin"];

    public static bool Handles(string verb) => verb is "schedule" or "rounds" or "round" or "pause" or "resume" or "cancel" or "post"
        or "leaderboard" or "board" or "stats" or "missed" or "admin";

    // address: where the conversation lives, for the channel to post into later (remembered on admin commands).
    public async Task<ChatReply> OnCommandAsync(ChatTurn turn, TurnInput.Command input, string? address, CancellationToken ct)
    {
        var (who, conversation, verb, argument) = (turn.Who, turn.ConversationKey, input.Text.Verb, input.Text.Argument);
        if (AdminVerbs.Contains(verb) && !await admin.IsAdminAsync(who, conversation, ct))
        {
            return ChatReply.Text(Admins.Refusal);
        }
        try
        {
            switch (verb)
            {
                case "schedule" when argument.Length == 0:
                    return ChatReply.Everyone(new ChatView.ScheduleForm([.. banks.All]));
                case "schedule":
                    await RememberAsync(conversation, address, ct);
                    return ChatReply.Text(await admin.ScheduleAsync(who, conversation, argument, ct));
                case "rounds" or "round":
                    return ChatReply.Text(await admin.DescribeAsync(conversation, ct));
                case "pause":
                    return ChatReply.Text(await admin.PauseAsync(conversation, ct));
                case "resume":
                    return ChatReply.Text(await admin.ResumeAsync(conversation, ct));
                case "cancel":
                    return ChatReply.Text(await admin.CancelAsync(conversation, ct));
                case "post" when argument.Equals("now", StringComparison.OrdinalIgnoreCase):
                    await RememberAsync(conversation, address, ct);
                    return await publisher.PostNowAsync(conversation, turn.Id, ct) switch
                    {
                        PostNow.Claimed => ChatReply.None,
                        // The same command again (a redelivery, or the channel's retry after an error): never a second question.
                        PostNow.Repeated { Post.State: PostState.Claimed } => ChatReply.Text("It is being posted."),
                        PostNow.Repeated => ChatReply.Text("That question is already posted."),
                        _ => ChatReply.Text($"There is nothing to post: schedule a round first ({Markup.Code("schedule daily 09:00 UTC")}), or every question has been posted."),
                    };
                case "post":
                    return ChatReply.Text($"Did you mean {Markup.Code("post now")}? It posts the next question of this conversation's round at once.");
                case "leaderboard" or "board":
                    var span = argument.ToLowerInvariant() switch
                    {
                        "" or "week" => "week",
                        "month" => "month",
                        "all" or "all-time" or "alltime" => "all",
                        _ => null,
                    };
                    return span is null
                        ? ChatReply.Text($"Try {Markup.Code("leaderboard week")}, {Markup.Code("leaderboard month")} or {Markup.Code("leaderboard all")}.")
                        : ChatReply.Everyone(new ChatView.Board(await boards.BoardAsync(conversation, span, who, ct)));
                case "stats":
                    return ChatReply.Everyone(new ChatView.Stats(await boards.StatsAsync(conversation, who, ct)));
                case "missed":
                    return ChatReply.Everyone(new ChatView.Missed(Wording.MissedTitle, await boards.MissedAsync(conversation, 5, ct)));
                case "admin":
                    return ChatReply.Text(await GrantAsync(conversation, argument, input.Mentioned, ct));
            }
        }
        catch (ScheduleException e)
        {
            return ChatReply.Text(e.Message);
        }
        return ChatReply.Text(HelpText.Hint);
    }

    // The admin form: its inputs become the same command an admin could type.
    public async Task<ChatReply> OnScheduleFormAsync(ChatTurn turn, CardAction.ScheduleForm form, string? address, CancellationToken ct)
    {
        string Field(string name) => form.Fields.TryGetValue(name, out var v) ? v : "";
        var when = Field("when");
        if (when.Length == 0)
        {
            return ChatReply.Text($"The form needs a schedule such as {Markup.Code("weekdays 09:00")}.");
        }
        var text = new StringBuilder(when);
        if (Field("tz") is { Length: > 0 } tz) text.Append(' ').Append(tz);
        if (Field("window") is { Length: > 0 } window) text.Append(" window ").Append(window);
        if (Field("questions") is { Length: > 0 } questions) text.Append(" questions ").Append(questions);
        text.Append(Field("repeat") == "false" ? " no-repeat" : " repeat");
        if (Field("weeklyBoard") == "true") text.Append(" weekly-board");
        if (Field("bank") is { Length: > 0 } bank) text.Append(" bank ").Append(bank);
        return await OnCommandAsync(turn, new TurnInput.Command(new ChatCommand("schedule", text.ToString()), []), address, ct);
    }

    // A click on a round question. The person alone gets their result, in place of the card they clicked; everyone's
    // card shows the new count at the next flush.
    public async Task<ChatReply> AnswerAsync(ChatTurn turn, CardAction.RoundAnswer action, CancellationToken ct)
    {
        switch (await answers.AnswerAsync(turn.Who, turn.ConversationKey, action.PostId, action.Choice, turn.MessageId, ct))
        {
            case RoundAnswerOutcome.Accepted { Result: var accepted }:
                publisher.MarkChanged(accepted.Post.Id, accepted.Post.ConversationKey);
                return await ResultAsync(turn, accepted, ct);
            case RoundAnswerOutcome.AlreadyAnswered { Result: var again }:
                return await ResultAsync(turn, again, ct);
            case RoundAnswerOutcome.Closed closed:
                return ChatReply.To(Audience.Clicker, new ChatView.Text(closed.Message));
            case RoundAnswerOutcome.Rejected no:
                return ChatReply.Refuse(no.Reason);
            default:
                throw new InvalidOperationException();
        }
    }

    // A person's own view of a shared card: their result once they have answered, the shared question before.
    public async Task<ChatReply> ViewAsync(ChatTurn turn, CardAction.RoundView action, CancellationToken ct)
    {
        var mine = await answers.ResultForAsync(turn.Who, turn.ConversationKey, action.PostId, ct);
        if (mine is not null)
        {
            return await ResultAsync(turn, mine, ct);
        }
        var shared = await answers.SharedViewAsync(action.PostId, Wording.RecentNamesShown, ct);
        return shared is null || shared.Post.ConversationKey != turn.ConversationKey
            ? ChatReply.To(Audience.Clicker, new ChatView.Refusal("That question is not part of a round in this conversation.", NotFound: true))
            : ChatReply.To(Audience.InPlace, new ChatView.RoundQuestion(shared, []));
    }

    private async Task<ChatReply> ResultAsync(ChatTurn turn, RoundResultView result, CancellationToken ct)
    {
        var count = await publisher.KnownCountAsync(result.Post.Id, ct);
        return ChatReply.To(Audience.InPlace, new ChatView.RoundResult(result, count, [turn.Who.Key]));
    }

    private async Task<string> GrantAsync(string conversation, string argument, IReadOnlyList<Participant> mentioned, CancellationToken ct)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var grant = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        if (grant is not ("add" or "remove"))
        {
            return $"Try {Markup.Code("admin add @person")} or {Markup.Code("admin remove @person")}.";
        }
        // The person comes from the channel's mention, never from the typed name.
        return mentioned.Count == 0
            ? $"Mention the person: {Markup.Code($"admin {grant} @name")}."
            : await admin.GrantAsync(conversation, mentioned[0], grant == "add", ct);
    }

    private Task RememberAsync(string conversation, string? address, CancellationToken ct) =>
        address is null ? Task.CompletedTask : conversations.RememberAsync(conversation, address, ct);
}
