using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Channels.Teams;

// Team rounds in chat: the admin commands, the boards, and answers to posted questions. Quiz rules live in the engine.
internal sealed class RoundCommands(
    RoundAdmin admin, RoundRunner runner, RoundAnswers answers, Leaderboards boards, BankCatalog banks, RoundCards cards,
    RoundPoster poster, IQuizStore store, TimeProvider time, Scheduling.RoundScheduler scheduler)
{
    private static readonly string[] AdminVerbs = ["schedule", "pause", "resume", "cancel", "post", "admin"];

    public static bool Handles(string verb) => verb is "schedule" or "rounds" or "round" or "pause" or "resume" or "cancel" or "post"
        or "leaderboard" or "board" or "stats" or "missed" or "admin";

    public async Task<Reply> OnCommandAsync(Activity a, ChatCommand command, CancellationToken ct)
    {
        var who = TeamsBot.Who(a);
        var conversation = TeamsBot.ConversationKey(a);
        var verb = command.Verb;
        if (AdminVerbs.Contains(verb) && !await admin.IsAdminAsync(who, conversation, ct))
        {
            return Reply.Text(Admins.Refusal);
        }
        try
        {
            switch (verb)
            {
                case "schedule" when command.Argument.Length == 0:
                    return Reply.Card(cards.ScheduleForm(banks.All, a.ChannelId!));
                case "schedule":
                    await RememberAsync(a, ct);
                    return Reply.Text(await admin.ScheduleAsync(who, conversation, command.Argument, ct));
                case "rounds" or "round":
                    return Reply.Text(await admin.DescribeAsync(conversation, ct));
                case "pause":
                    return Reply.Text(await admin.PauseAsync(conversation, ct));
                case "resume":
                    return Reply.Text(await admin.ResumeAsync(conversation, ct));
                case "cancel":
                    return Reply.Text(await admin.CancelAsync(conversation, ct));
                case "post" when command.Argument.Equals("now", StringComparison.OrdinalIgnoreCase):
                    await RememberAsync(a, ct);
                    var due = await runner.PostNowAsync(conversation, time.GetUtcNow(), scheduler.Instance, ct);
                    if (due is null)
                    {
                        return Reply.Text("There is nothing to post: schedule a round first (`schedule daily 09:00 UTC`), or every question has been posted.");
                    }
                    await poster.DoAsync(due, ct);
                    return Reply.None;
                case "post":
                    return Reply.Text("Did you mean `post now`? It posts the next question of this conversation's round at once.");
                case "leaderboard" or "board":
                    var span = command.Argument.ToLowerInvariant() switch
                    {
                        "" or "week" => "week",
                        "month" => "month",
                        "all" or "all-time" or "alltime" => "all",
                        _ => null,
                    };
                    return span is null
                        ? Reply.Text("Try `leaderboard week`, `leaderboard month` or `leaderboard all`.")
                        : Reply.Card(cards.Board(await boards.BoardAsync(conversation, span, who, ct)));
                case "stats":
                    return Reply.Card(cards.Stats(await boards.StatsAsync(conversation, who, ct)));
                case "missed":
                    return Reply.Card(cards.Missed("Questions this team gets wrong most", await boards.MissedAsync(conversation, 5, ct)));
                case "admin":
                    return Reply.Text(await GrantAsync(a, command.Argument, conversation, ct));
            }
        }
        catch (ScheduleException e)
        {
            return Reply.Text(e.Message);
        }
        return Reply.Text(HelpText.Hint);
    }

    // The admin form: its inputs arrive beside the action data and become the same command an admin could type.
    public async Task<Reply> OnScheduleFormAsync(Activity a, JsonElement data, CancellationToken ct)
    {
        string Field(string name) => data.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? v.ToString().Trim() : "";
        var when = Field("when");
        if (when.Length == 0)
        {
            return Reply.Text("The form needs a schedule such as `weekdays 09:00`.");
        }
        var text = new StringBuilder(when);
        if (Field("tz") is { Length: > 0 } tz) text.Append(' ').Append(tz);
        if (Field("window") is { Length: > 0 } window) text.Append(" window ").Append(window);
        if (Field("questions") is { Length: > 0 } questions) text.Append(" questions ").Append(questions);
        text.Append(Field("repeat") == "false" ? " no-repeat" : " repeat");
        if (Field("weeklyBoard") == "true") text.Append(" weekly-board");
        if (Field("bank") is { Length: > 0 } bank) text.Append(" bank ").Append(bank);
        return await OnCommandAsync(a, new ChatCommand("schedule", text.ToString()), ct);
    }

    // A click on a round question. The person alone gets their result; everyone's card shows the new count at the next flush.
    public async Task<(RoundAnswerOutcome Outcome, JsonObject? Card)> AnswerAsync(Activity a, CardAction action, CancellationToken ct)
    {
        var who = TeamsBot.Who(a);
        var outcome = await answers.AnswerAsync(who, TeamsBot.ConversationKey(a), action.PostId!, action.Choice, ct);
        JsonObject? card = null;
        if (outcome is RoundAnswerOutcome.Accepted { Result: var accepted })
        {
            poster.MarkChanged(accepted.Post.Id);
            card = await ResultCardAsync(a, accepted, ct);
        }
        else if (outcome is RoundAnswerOutcome.AlreadyAnswered { Result: var again })
        {
            card = await ResultCardAsync(a, again, ct);
        }
        return (outcome, card);
    }

    // Teams asks for a person's own view when it shows a card whose refresh lists them.
    public async Task<JsonObject?> ViewAsync(Activity a, CardAction action, CancellationToken ct)
    {
        var mine = await answers.ResultForAsync(TeamsBot.Who(a), TeamsBot.ConversationKey(a), action.PostId!, ct);
        if (mine is not null)
        {
            return await ResultCardAsync(a, mine, ct);
        }
        var shared = await answers.SharedViewAsync(action.PostId!, ct);
        return shared is null || shared.Post.ConversationKey != TeamsBot.ConversationKey(a) ? null : cards.Question(shared, a.ChannelId!, []);
    }

    private async Task<JsonObject> ResultCardAsync(Activity a, RoundResultView result, CancellationToken ct)
    {
        var count = await poster.KnownCountAsync(result.Post.Id, ct);
        return cards.Result(result, count, a.ChannelId!, [a.From!.Id!]);
    }

    private async Task<string> GrantAsync(Activity a, string argument, string conversation, CancellationToken ct)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var grant = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        if (grant is not ("add" or "remove"))
        {
            return "Try `admin add @person` or `admin remove @person`.";
        }
        // Teams sends the person as a mention entity; the text itself holds only their display name.
        var person = a.Entities?.FirstOrDefault(e => e.Type == "mention" && e.Mentioned?.Id is { } id && id != a.Recipient?.Id)?.Mentioned;
        if (person?.Id is null)
        {
            return $"Mention the person: `admin {grant} @name`.";
        }
        return await admin.GrantAsync(conversation, new Participant($"{a.ChannelId}:{person.Id}", person.Name ?? "That person"), grant == "add", ct);
    }

    // Uninstalled: rounds stop posting here until the bot is added again (RememberAsync clears the mark).
    public Task ForgetAsync(Activity a, CancellationToken ct) =>
        store.SetConversationBlockedAsync(TeamsBot.ConversationKey(a), "The bot was removed from the conversation.", ct);

    // Rounds post proactively: keep where this conversation lives.
    public Task RememberAsync(Activity a, CancellationToken ct) =>
        store.SaveConversationAsync(TeamsBot.ConversationKey(a), RoundPoster.SerializeAddress(ConversationAddress.Proactive(a)), ct);
}
