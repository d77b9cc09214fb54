using System.Globalization;
using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Quizzes.Rounds;
using static QuizBot.Channels.Slack.SlackQuizViews;

namespace QuizBot.Channels.Slack;

// A PersonSummary as the App Home tab (cards/slack/home.json). Channels are Slack mentions (<#C…>), which Slack shows
// by name, or as "private channel" to someone who is not in it. Times are Slack date tokens, so each person reads them
// in their own time zone. Every bank and person text is escaped here.
internal static class SlackHomeView
{
    public const string EmptyText =
        "No round answers from you yet. Send me `quiz` in a direct message for a quiz of your own, " +
        "or type `/quiz help` in a channel to see how team rounds work.";

    public const string NoOpenText = "Nothing waiting for you: you have answered every open question.";

    public const string NoBoardsText = "Answer a question in a channel round to see that channel's week board here.";

    public static JsonObject Render(SlackViews views, PersonSummary summary, DateTimeOffset now)
    {
        var message = views.Bind(Data(summary, now));
        return new JsonObject { ["type"] = "home", ["blocks"] = message.Blocks.DeepClone() };
    }

    public static SlackViewData Data(PersonSummary s, DateTimeOffset now)
    {
        var t = s.Totals;
        var hasStats = t.Answered > 0;
        return new("home", new
        {
            fallback = hasStats
                ? $"QuizBot: {t.Answered} answered, {t.Correct} correct ({t.AccuracyPercent}%), {OpenCount(s.Open.Count)}"
                : $"QuizBot: {OpenCount(s.Open.Count)}",
            hasStats,
            statsTitle = t.Conversations == 1 ? "Your stats in 1 channel" : $"Your stats across {t.Conversations} channels",
            answered = Wording.Number(t.Answered),
            correct = Wording.Number(t.Correct),
            accuracy = $"{t.AccuracyPercent}%",
            points = Wording.Number(t.Points),
            streak = Wording.Number(t.Streak),
            bestStreak = Wording.Number(t.BestStreak),
            emptyText = EmptyText,
            hasQuiz = s.Quiz is not null,
            quizText = s.Quiz is { } q
                ? $"Your quiz *{E(q.BankTitle)}* is at question {q.Position + 1} of {q.Count}: send me `quiz` in a direct message to carry on."
                : "",
            open = s.Open.Select(o => new
            {
                line = $"*{E(o.BankTitle)}* in {Channel(o.ConversationKey)}: {E(o.Question.Text)}\nAnswers close {Date(o.Post.ClosesAt)}",
            }),
            hasOpen = s.Open.Count > 0,
            noOpenText = NoOpenText,
            boards = s.Boards.Select(b => new { text = Board(b) }),
            hasBoards = s.Boards.Count > 0,
            noBoardsText = NoBoardsText,
            updated = $"Updated {Date(now)}",
        });
    }

    private static string OpenCount(int n) => n == 1 ? "1 open question for you" : $"{n} open questions for you";

    private static string Board(ConversationBoard b)
    {
        var v = b.Week;
        var lines = new List<string> { $"*{Channel(b.ConversationKey)}* · {E(Wording.Period(v.PeriodLabel))} · {Wording.Members(v.Members)}" };
        lines.AddRange(v.Rows.Select(Row));
        if (v.Me is { } me)
        {
            lines.Add(Row(me));
        }
        else if (!v.Rows.Any(r => r.IsMe))
        {
            lines.Add("_No points for you this week yet._");
        }
        return string.Join('\n', lines);
    }

    private static string Row(BoardRow r)
    {
        var line = $"{r.Rank}. {E(r.Name)}{(r.IsMe ? " (you)" : "")} · {r.Points} points · {r.Correct}/{r.Answered} correct";
        return r.IsMe ? $"*{line}*" : line;
    }

    // "slack:T1:C123" -> <#C123>. Anything that is not a plain Slack id is shown as escaped text, never as markup.
    private static string Channel(string conversationKey)
    {
        var local = ChatKeys.LocalId(conversationKey);
        var id = local[(local.LastIndexOf(':') + 1)..];
        return id.Length is > 0 and <= 40 && id.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9') ? $"<#{id}>" : E(id);
    }

    // Shown in the reader's own time zone; the text after | is for clients that cannot.
    private static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC>";
}
