using System.Text.RegularExpressions;

namespace QuizBot.Quizzes.Banks;

// Aiken (Moodle's simplest format): the question on one or more lines, options "A." or "A)" in order, then
// "ANSWER: X". QuizBot extension, so that the seed bank keeps its explanations: an "EXPLANATION: ..." line right after
// the ANSWER line, continued on the lines that follow until a blank one. Aiken has no ids, categories or feedback.
internal static partial class AikenFormat
{
    [GeneratedRegex(@"^(?<letter>[A-Z])[.)]\s+(?<text>.*)$")]
    private static partial Regex Option();

    [GeneratedRegex(@"^ANSWER\s*:\s*(?<letter>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Answer();

    [GeneratedRegex(@"^EXPLANATION\s*:\s*(?<text>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Explanation();

    public static BankImport Read(string text, string source, string bankId)
    {
        var lines = BankText.Lines(text);
        var drafts = new List<QuestionDraft>();
        var i = 0;
        while (true)
        {
            while (i < lines.Length && lines[i].Trim().Length == 0)
            {
                i++;
            }
            if (i == lines.Length)
            {
                break;
            }
            var start = i + 1;
            var question = new List<string>();
            while (i < lines.Length && !Option().IsMatch(lines[i].Trim()))
            {
                var line = lines[i].Trim();
                if (Answer().IsMatch(line))
                {
                    throw BankFormatException.AtLine(source, i + 1, "an ANSWER line before any option; list the options as \"A. ...\", \"B. ...\" before it");
                }
                if (line.Length == 0 && question.Count > 0)
                {
                    throw BankFormatException.AtLine(source, start, "the question has no options; list them as \"A. ...\", \"B. ...\", then \"ANSWER: A\"");
                }
                question.Add(line);
                i++;
            }
            var choices = new List<string>();
            int answer;
            while (true)
            {
                if (lines.Skip(i).All(l => l.Trim().Length == 0))
                {
                    throw BankFormatException.AtLine(source, start, choices.Count == 0
                        ? "the question has no options; list them as \"A. ...\", \"B. ...\", then \"ANSWER: A\""
                        : "the question has no ANSWER line; add \"ANSWER: X\" after its options");
                }
                var line = lines[i].Trim();
                var expected = (char)('A' + choices.Count);
                if (Option().Match(line) is { Success: true } option && option.Groups["letter"].Value[0] == expected)
                {
                    choices.Add(option.Groups["text"].Value);
                    i++;
                    continue;
                }
                if (Answer().Match(line) is { Success: true } a)
                {
                    answer = Letter(a.Groups["letter"].Value.Trim(), choices.Count, source, i + 1);
                    i++;
                    break;
                }
                throw BankFormatException.AtLine(source, i + 1, line.Length == 0
                    ? "a blank line inside a question; end the question with \"ANSWER: X\" after its options"
                    : $"expected option \"{expected}. ...\" or \"ANSWER: X\" here, found \"{Short(line)}\"");
            }
            var explanation = "";
            if (i < lines.Length && Explanation().Match(lines[i].Trim()) is { Success: true } e)
            {
                var parts = new List<string> { e.Groups["text"].Value };
                for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++)
                {
                    parts.Add(lines[i].Trim());
                }
                explanation = string.Join('\n', parts);
            }
            drafts.Add(new QuestionDraft(start, null, string.Join('\n', question), choices, answer, explanation, null, null));
        }
        return BankAssembler.Assemble(source, bankId, BankAssembler.Humanise(source), drafts, []);
    }

    private static int Letter(string letter, int options, string source, int line)
    {
        var last = (char)('A' + options - 1);
        if (letter.Length == 1 && char.ToUpperInvariant(letter[0]) is var c and >= 'A' && c <= last)
        {
            return c - 'A';
        }
        throw BankFormatException.AtLine(source, line, letter.Length == 0
            ? $"the ANSWER line names no option; write \"ANSWER: \" and one of A to {last}"
            : $"the answer \"{Short(letter)}\" is not among the options A to {last}; write one of those letters");
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
