using System.Text.Json;
using System.Text.Json.Nodes;
using QuizBot.Channels.Teams;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;
using QuizBot.Templating;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

// Issue 16: a click's result card comes from bytes rendered once per (post, choice); each click must still get exactly
// the card the ordinary rendering gives for its own count and its own id.
public sealed class RoundResultAnswersTests
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));
    private static readonly CardTemplates Templates = CardTemplates.Load(Repo.Path("cards", "teams"));
    private static readonly DateTimeOffset Slot = new(2025, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private static RoundPost Post(int question) => new(RoundPost.IdFor("msteams:19:team@thread.tacv2", Slot, question), "msteams:19:team@thread.tacv2",
        Seed.Id, PostedQuestion.Of(Seed.Questions[question]), Slot, Slot.AddHours(8), "Europe/Berlin", PostState.Posted, "1700000000000", Slot, "instance-1", null, false);

    private static JsonNode Ordinary(ChatView.RoundResult view, string channelId) =>
        JsonSerializer.SerializeToNode(InvokeResponse.Card(new TeamsViews(new QuizCards(Templates), new RoundCards(Templates), new DisputeCards(Templates))
            .Card(view, channelId)!), BotJson.Default.InvokeResponse)!;

    [Theory]
    [InlineData("msteams")]
    [InlineData("webchat")]
    public void Every_click_gets_the_card_the_ordinary_rendering_gives_for_its_own_count_and_id(string channelId)
    {
        var cached = new RoundResultAnswers(new RoundCards(Templates));
        // Ids and counts that JSON must escape or that change the wording; the same (post, choice) twice, then others.
        var clicks = new (int Question, int Choice, string? Notice, int Answers, string User)[]
        {
            (0, 1, null, 1, "msteams:29:first"),
            (0, 1, null, 2, "msteams:29:quote\"back\\slash<tag>&"),
            (0, 1, null, 12_345, "msteams:29:ünïcødé"),
            (0, 2, null, 3, "msteams:29:second"),
            (0, 1, "You already answered this question; your first answer stands.", 4, "msteams:29:first"),
            (1, 0, null, 5, "msteams:29:third"),
        };
        foreach (var (question, choice, notice, answers, user) in clicks)
        {
            var view = new ChatView.RoundResult(new RoundResultView(Post(question), Seed.Title, Seed.Questions[question], choice, notice), answers, [user]);

            var bytes = cached.TryRender(view, channelId)?.ToArray();

            Assert.NotNull(bytes);
            Assert.True(JsonNode.DeepEquals(Ordinary(view, channelId), JsonNode.Parse(bytes)), $"{question}/{choice}/{answers}/{user}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }
    }

    [Fact]
    public void A_view_for_several_people_is_left_to_the_ordinary_rendering()
    {
        var view = new ChatView.RoundResult(new RoundResultView(Post(0), Seed.Title, Seed.Questions[0], 1, null), 2, ["msteams:29:a", "msteams:29:b"]);

        Assert.Null(new RoundResultAnswers(new RoundCards(Templates)).TryRender(view, "msteams"));
    }

    // What goes out on the wire is written from the layout's pieces; a redelivery gets the same bytes made again.
    [Fact]
    public async Task The_response_carries_exactly_the_bytes_a_redelivery_gets_with_their_length()
    {
        var view = new ChatView.RoundResult(new RoundResultView(Post(0), Seed.Title, Seed.Questions[0], 1, null), 7, ["msteams:29:quote\"me\""]);
        var card = new RoundResultAnswers(new RoundCards(Templates)).TryRender(view, "msteams")!;
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;

        await card.ExecuteAsync(http);

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal(card.ToArray(), body.ToArray());
        Assert.Equal(body.Length, http.Response.ContentLength);
        Assert.True(JsonNode.DeepEquals(Ordinary(view, "msteams"), JsonNode.Parse(body.ToArray())));
    }
}
