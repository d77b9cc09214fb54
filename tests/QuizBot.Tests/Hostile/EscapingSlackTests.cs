using System.Text.Json.Nodes;
using QuizBot.Channels.Slack;
using QuizBot.Chat;
using QuizBot.Quizzes.Rounds;
using QuizBot.Tests.Support;
using static QuizBot.Tests.Hostile.EscapingReading;
using static QuizBot.Tests.Slack.SlackViewSamples;

namespace QuizBot.Tests.Hostile;

// Issue 13, finding 1, in Slack: whatever a person controls reads as typed in mrkdwn, with no link, mention, broadcast
// or emphasis: it adds no mrkdwn control character (< > & * _ ~ `) to the message, and every message stays one Slack's
// own types accept. The bot's own formatting still works.
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class EscapingSlackTests
{
    private static readonly SlackViews Views = SlackViews.Load(Repo.Path("cards", "slack"));

    public static TheoryData<string> Hostile() => [.. Messages(Mrkdwn).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_name_argument_or_bank_adds_no_markup_and_reads_as_typed(string name)
    {
        var hostile = Messages(Mrkdwn).Single(m => m.Name == name).Message;
        var harmless = Messages("Eve").Single(m => m.Name == name).Message;
        await SlackBlockKit.AssertValidAsync("chat.postMessage", Body(hostile), name);

        foreach (var (shown, plain) in Texts(hostile).Zip(Texts(harmless)))
        {
            Assert.True(Syntax(shown) == Syntax(plain), $"{name}: the hostile text adds mrkdwn syntax:\n{shown}");
            Assert.DoesNotContain("@here", shown, StringComparison.Ordinal);
        }
        Assert.Contains(Texts(hostile), t => ReadMrkdwn(t).Contains(Mrkdwn, StringComparison.Ordinal));
    }

    [Fact]
    public void A_withdrawn_post_names_its_bank_in_bold_and_the_bank_title_stays_text()
    {
        var text = SlackMrkdwn.FromMarkup(Wording.Withdrawn("*Eve* <!channel>"));

        Assert.StartsWith("*∗Eve∗ &lt;!channel&gt;*: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schedule_help_shows_a_bank_id_as_the_code_a_person_types()
    {
        var message = Views.Render(new ChatView.ScheduleForm([Seed with { Id = "model_compression_2", Title = "*Eve*" }]));

        var words = string.Join("\n", Texts(message));
        Assert.Contains("∗Eve∗: `bank model_compression_2`", words, StringComparison.Ordinal);
    }

    [Fact]
    public void The_home_tab_shows_a_hostile_bank_and_name_as_text_and_keeps_its_own_channel_and_date_tokens()
    {
        var summary = new PersonSummary(new PersonTotals(1, 1, 10, 1, 1, 1),
            [new OpenQuestion("slack:T1:C1", Post, Mrkdwn, Seed.Questions[0] with { Text = Mrkdwn })],
            [new ConversationBoard("slack:T1:C1", new BoardView("This week's leaderboard", "2025-W48", [new BoardRow(1, Mrkdwn, 10, 1, 1, 1, false)], null, 2))],
            null);

        var blocks = SlackHomeView.Render(Views, summary, Slot)["blocks"]!.ToJsonString();
        var texts = Strings(JsonNode.Parse(blocks)).ToList();

        Assert.Contains(texts, t => ReadMrkdwn(t).Contains(Mrkdwn, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("<!channel>", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("<https://evil", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("*Eve*", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("@here", t, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("<#C1>", StringComparison.Ordinal) && t.Contains("<!date^", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Name, SlackMessage Message)> Messages(string evil)
    {
        // Slack also shows a plain-text reply and the schedule form with the bank's words.
        ChatView[] views =
        [
            .. HostileViews(evil, Seed, Post),
            new ChatView.Text(Wording.UnknownBank(evil)),
            new ChatView.ScheduleForm([Seed with { Title = evil, Description = evil }]),
            .. UploadReplies(evil, Seed),
        ];
        return views.Select((v, i) => ($"{i} {v.GetType().Name}", Views.Render(v)));
    }

    // The mrkdwn a person sees: the fallback text and every text in the blocks, in order.
    private static List<string> Texts(SlackMessage m) => [m.Text, .. Strings(m.Blocks)];

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "mrkdwn" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };

    // The control characters left once Slack's three entities (text) are taken out.
    private static string Syntax(string mrkdwn) =>
        new([.. mrkdwn.Replace("&lt;", "", StringComparison.Ordinal).Replace("&gt;", "", StringComparison.Ordinal).Replace("&amp;", "", StringComparison.Ordinal)
            .Where(c => c is '<' or '>' or '&' or '*' or '_' or '~' or '`')]);

    private static JsonObject Body(SlackMessage m) => new() { ["channel"] = "C1", ["text"] = m.Text, ["blocks"] = m.Blocks.DeepClone() };
}
