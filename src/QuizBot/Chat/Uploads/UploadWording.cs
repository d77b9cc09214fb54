using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;

namespace QuizBot.Chat;

// What QuizBot says about a bank file sent to it. Markup (Markup.cs): a file's name, title, questions and the reasons
// a reader gives (which may quote the file) are someone else's words and go in through Markup.Plain.
internal static class UploadWording
{
    public const int SkippedShown = 5;
    private const int PreviewLength = 500;

    public const string OnlyInDirectChat =
        "To import a question bank, send the file to me in a 1:1 chat; files sent here are not read.";

    public const string AdminsOnly =
        "Sorry, only a QuizBot admin listed in the service's configuration (QuizBot:Admins) can import question banks. Nothing was imported.";

    public static string UnknownFormat(string name) =>
        $"I can't read {Quote(name)} as a question bank: send a .json, .gift, .txt or .aiken (Aiken), .csv or .tsv, or .xlsx (Kahoot) file. Nothing was imported.";

    public static string TooBig(string name, long max) =>
        $"{Quote(name)} is too big: a bank file may be at most {Size(max)}. Nothing was imported.";

    public static string TooBig(long max) => $"the file is larger than {Size(max)}, the most a bank file may be";

    public static string NotDownloaded(string name, string why) =>
        $"I couldn't download {Quote(name)}: {Markup.Plain(why)}. Nothing was imported; please send it again.";

    // The reader's message names the file and line (or row) and says what to fix.
    public static string Broken(BankFormatException e) =>
        $"I couldn't import that file. {Markup.Plain(e.Message)}. Nothing was imported: fix it and send it again.";

    public static string Imported(BankImportResult r)
    {
        var bank = r.Bank;
        var text = new StringBuilder();
        var name = $"{Markup.Strong(Markup.Plain(bank.Title))} ({Markup.Code(Markup.Plain(bank.Id))})";
        text.Append(r.Unchanged
            ? $"{name} is unchanged: the file holds the same questions as version {Wording.Number(r.Version)}, so no new version was made."
            : $"Imported {name} version {Wording.Number(r.Version)}: {Count(bank.Questions.Count, "question")}, {Wording.Number(r.Skipped.Count)} skipped.");
        if (r.Skipped.Count > 0)
        {
            text.Append("\n\nSkipped:");
            foreach (var s in r.Skipped.Take(SkippedShown))
            {
                text.Append($"\n\nLine {Wording.Number(s.Line)}: {Markup.Plain(OneLine(s.Reason))}");
            }
            if (r.Skipped.Count > SkippedShown)
            {
                text.Append($"\n\n…and {Wording.Number(r.Skipped.Count - SkippedShown)} more.");
            }
        }
        if (bank.Questions.Count > 0)
        {
            var first = bank.Questions[0];
            text.Append($"\n\n{Markup.Strong("First question:")} {Markup.Plain(OneLine(first.Text))}");
            for (var i = 0; i < first.Choices.Count; i++)
            {
                text.Append($"\n\n{Question.Label(i)}. {Markup.Plain(OneLine(first.Choices[i]))}");
            }
            text.Append($"\n\nStart it with {Markup.Code("quiz " + Markup.Plain(bank.Id))}.");
        }
        return text.ToString();
    }

    private static string Quote(string name) => $"\"{Markup.Plain(OneLine(name))}\"";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{Wording.Number(n)} {noun}s";

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? $"{Wording.Number((int)(bytes / (1024 * 1024)))} MiB"
        : $"{bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes";

    // A preview line: the text's own line breaks become spaces, and a long text is cut.
    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (line.Length <= PreviewLength)
        {
            return line;
        }
        var cut = char.IsHighSurrogate(line[PreviewLength - 2]) ? PreviewLength - 2 : PreviewLength - 1;
        return line[..cut] + "…";
    }
}
