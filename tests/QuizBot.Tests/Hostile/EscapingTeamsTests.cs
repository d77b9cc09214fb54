using System.Text.Json.Nodes;
using QuizBot.Channels.Teams;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Templating;
using QuizBot.Tests.Support;
using static QuizBot.Tests.Hostile.EscapingReading;

namespace QuizBot.Tests.Hostile;

// Issue 13, finding 1, in Teams: whatever a person controls is shown as the characters they typed, with no link, no
// emphasis and no tag, in the cards (TextBlock markdown, as markdown-it renders it for the official Adaptive Cards
// host) and in markdown messages; the bot's own formatting still works.
[Collection("node-cards")]
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class EscapingTeamsTests(NodeCards node)
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "teams"));
    private static readonly TeamsViews Views = new(new QuizCards(Templates), new RoundCards(Templates), new DisputeCards(Templates));
    private static readonly DateTimeOffset Slot = new(2025, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoundPost Post = new(RoundPost.IdFor("msteams:19:team@thread.tacv2", Slot, 0), "msteams:19:team@thread.tacv2",
        Seed.Id, PostedQuestion.Of(Seed.Questions[0]), Slot, Slot.AddHours(8), "Europe/Berlin", PostState.Posted, "1700000000000", Slot, "instance-1", null, false);

    [Fact]
    public async Task A_link_typed_after_quiz_is_echoed_in_the_bank_choice_as_text_not_as_a_link()
    {
        await using var app = new BotApp();
        var teams = new Activities(app.Connector.ServiceUrl);
        const string Typed = "[Reset your password](https://evil.example/reset)";

        (await app.PostAsync(teams.Message("quiz " + Typed))).EnsureSuccessStatusCode();

        var card = (await app.Connector.NextAsync()).Card();
        await OfficialCards.AssertValidAsync(card, "bank choice");
        var prompt = await ShownAsync(TextBlocks(card).First(t => Read(t).Contains("Reset your password", StringComparison.Ordinal)));
        Assert.Empty(FormattingTags(prompt));
        Assert.Contains($"\"{Typed}\"", ReadHtml(prompt), StringComparison.Ordinal);
    }

    public static TheoryData<string> Hostile() => [.. Cards(Markdown).Select(c => c.Name)];

    // The card with a harmless name in the same places is the yardstick: the hostile text adds no formatting to it.
    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_name_question_or_bank_reads_as_typed_with_no_link_emphasis_or_tag(string name)
    {
        var card = Cards(Markdown).Single(c => c.Name == name).Card;
        var harmless = Cards("Eve").Single(c => c.Name == name).Card;
        await OfficialCards.AssertValidAsync(card, name);

        var read = new List<string>();
        foreach (var (text, plain) in TextBlocks(card).Zip(TextBlocks(harmless)))
        {
            var html = await ShownAsync(text);
            Assert.True(FormattingTags(html).SequenceEqual(FormattingTags(await ShownAsync(plain))), $"{name}: {text}\n-> {html}");
            read.Add(ReadHtml(html));
        }
        Assert.Contains(read, r => r.Contains(Markdown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_withdrawn_post_names_its_bank_in_bold_and_the_bank_title_stays_text()
    {
        var text = TeamsViews.Text(new ChatView.Text(Wording.Withdrawn(Markdown)))!;

        var html = await ShownAsync(text);

        Assert.Equal(["<strong>", "</strong>"], FormattingTags(html));
        Assert.StartsWith("<p><strong>", html, StringComparison.Ordinal);
        Assert.Contains(Markdown + ": ", ReadHtml(html), StringComparison.Ordinal);
    }

    public static TheoryData<int> Uploads() => [.. Enumerable.Range(0, UploadReplies("Eve", Seed).Count)];

    // A bank file's words (its name, title, questions, skipped reasons, errors) in the reply to an upload: the bot's bold
    // and code stay, the file adds none.
    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_hostile_bank_file_sent_in_chat_reads_as_typed_in_the_reply(int i)
    {
        var html = await ShownAsync(TeamsViews.Text(UploadReplies(Markdown, Seed)[i])!);
        var harmless = await ShownAsync(TeamsViews.Text(UploadReplies("Eve", Seed)[i])!);

        Assert.Equal(FormattingTags(harmless), FormattingTags(html));
        Assert.Contains(Markdown, ReadHtml(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_still_shows_the_commands_in_bold_and_their_arguments_in_italics()
    {
        var html = await ShownAsync(TeamsViews.Text(new ChatView.Text(HelpText.Lines[2]))!);

        Assert.Equal("<p><strong>quiz</strong> <em>name</em>: take a particular quiz.</p>\n", html);
    }

    private Task<string> ShownAsync(string markdown) => node.MarkdownAsync(markdown);

    // Every card whose text a person or a bank file decides, with the hostile text in each such place.
    private static IEnumerable<(string Name, JsonObject Card)> Cards(string evil)
    {
        return HostileViews(evil, Seed, Post).Select(v => (v.GetType().Name, Views.Card(v, "msteams")!));
    }

    private static IEnumerable<string> TextBlocks(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(p => TextBlocks(p.Value)),
        JsonArray a => a.SelectMany(TextBlocks),
        _ => [],
    };
}
