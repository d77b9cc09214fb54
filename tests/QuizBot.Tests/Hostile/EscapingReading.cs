using System.Net;
using System.Text.RegularExpressions;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Quizzes.Review;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Tests.Hostile;

// Hostile texts a person can put in front of everyone (a display name, a typed argument, a bank from a file), and how
// a reader takes the escaped result: the look-alikes the channels use for syntax characters read as those characters,
// and the invisible word joiner is not read at all.
internal static partial class EscapingReading
{
    // Emphasis, strong, strike, code, a Markdown link, an autolink, an HTML-ish tag, an entity and a backslash escape.
    public const string Markdown = "*Eve* __boss__ ~~x~~ `rm` [Reset your password](https://evil.example/reset) <https://evil.example> <b>hi</b> &amp; \\*";

    // Slack's links, mentions and broadcasts, and its emphasis characters.
    public const string Mrkdwn = "<https://evil.example|Reset your password> <!channel> <@U123> <#C1> @here *Eve* _boss_ ~x~ `rm` &amp;";

    // Every view whose text a person or a bank file decides, with the hostile text in each such place.
    public static IReadOnlyList<ChatView> HostileViews(string evil, QuestionBank seed, RoundPost post)
    {
        var q = seed.Questions[0] with { Text = evil, Choices = [evil, "b", "c", "d"], Explanation = evil };
        var bank = seed with { Title = evil, Description = evil };
        var asked = post with { Question = PostedQuestion.Of(q) };
        var row = new BoardRow(1, evil, 3, 1, 1, 1, false);
        return
        [
            new ChatView.ChooseBank([bank], Wording.UnknownBank(evil)),
            new ChatView.Question(new QuestionView("s1", evil, 0, 1, q)),
            new ChatView.Result(new ResultView(evil, 0, 1, q, 0, null)),
            new ChatView.Review(new ReviewView(evil, 1, 1, [new ReviewItem(1, q, 0)])),
            new ChatView.RecallQuestion(new RecallView(seed.Id, evil, q, 1, 0, 1, 0, 0)),
            new ChatView.RecallResult(new RecallResultView(evil, q, 0, 1, post.SlotAt, null)),
            new ChatView.Board(new BoardView(Wording.MissedTitle, "2025-W48", [row], row with { Rank = 2, IsMe = true }, 2)),
            new ChatView.Stats(new StatsView(evil, 1, 1, 1, 1, 1, 1)),
            new ChatView.Missed(Wording.MissedTitle, [new MissedQuestion(q, 2, 1)]),
            new ChatView.RoundQuestion(new RoundQuestionView(asked, evil, q, 1, [evil]), []),
            new ChatView.RoundResult(new RoundResultView(asked, evil, q, 0, null), 1, []),
            new ChatView.RoundClosed(new ClosedPostView(asked, evil, q, [1, 0, 0, 0], [new FastAnswer(evil, TimeSpan.FromSeconds(3))])),
            new ChatView.Disputes(new QuizBot.Quizzes.Disputes.DisputesView([new QuizBot.Quizzes.Disputes.DisputedQuestion(seed.Id, q.Id, evil, q,
                [new QuizBot.Storage.DisputeReport(post.ConversationKey, seed.Id, q.Id, "msteams:29:eve", evil, QuizBot.Storage.DisputeReason.Other, evil,
                    post.Id, null, post.SlotAt)])], 0)),
        ];
    }

    // What the bot answers a bank file sent in chat, with the hostile text as the file's name, its title, a question and
    // its choices, a skipped line's reason and a broken file's problem: all the file's own words.
    public static IReadOnlyList<ChatView> UploadReplies(string evil, QuestionBank seed)
    {
        var q = seed.Questions[0] with { Text = evil, Choices = [evil, "b", "c", "d"] };
        var bank = seed with { Title = evil, Questions = [q] };
        return
        [
            new ChatView.Text(UploadWording.Imported(new BankImportResult(bank, 2, false, [new SkippedItem(7, evil)]))),
            new ChatView.Text(UploadWording.Imported(new BankImportResult(bank, 2, true, []))),
            new ChatView.Text(UploadWording.UnknownFormat(evil)),
            new ChatView.Text(UploadWording.Broken(BankFormatException.AtLine(evil + ".gift", 3, evil))),
            new ChatView.Text(UploadWording.NotDownloaded(evil, "the server answered HTTP 404")),
        ];
    }

    public static string Read(string shown) => shown
        .Replace("\u2060", "", StringComparison.Ordinal)
        .Replace('∗', '*').Replace('ˍ', '_').Replace('∼', '~').Replace('ˋ', '`').Replace('⧵', '\\');

    // HTML as a person reads it: the words, without tags, entities decoded.
    public static string ReadHtml(string html) => Read(WebUtility.HtmlDecode(Tags().Replace(html, "")));

    // Slack's three entities decoded, then read.
    public static string ReadMrkdwn(string mrkdwn) =>
        Read(mrkdwn.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal));

    // The formatting tags markdown-it gives Markdown syntax; paragraphs and line breaks are just text.
    public static IEnumerable<string> FormattingTags(string html) =>
        Tags().Matches(html).Select(m => m.Value).Where(t => !Regex.IsMatch(t, "^</?(p|br)\\s*/?>$"));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
