namespace QuizBot.Quizzes;

// Explanation: why the right answer is right (may be empty: an imported Aiken file has none). Feedback: what to say to
// someone who picked that choice (GIFT's per-answer #feedback), one entry per choice, "" where there is none.
internal sealed record Question(string Id, string Text, IReadOnlyList<string> Choices, int Answer, string Explanation,
    string? Category = null, IReadOnlyList<string>? Feedback = null)
{
    public string AnswerText => Choices[Answer];

    public static string Label(int choice) => ((char)('A' + choice)).ToString();

    public string Describe(int choice) => $"{Label(choice)}. {Choices[choice]}";

    // What a person who picked this choice reads: the choice's own feedback, then the explanation.
    public string ExplanationFor(int choice)
    {
        var feedback = Feedback is { } f && choice >= 0 && choice < f.Count ? f[choice] : "";
        return (feedback, Explanation) switch
        {
            ("", _) => Explanation,
            (_, "") => feedback,
            _ => $"{feedback}\n\n{Explanation}",
        };
    }
}

// Version: the bank's version in the store (0 for a bank not read from a store).
internal sealed record QuestionBank(string Id, string Title, string Description, IReadOnlyList<Question> Questions, int Version = 0)
{
    public int IndexOf(string questionId)
    {
        for (var i = 0; i < Questions.Count; i++)
        {
            if (Questions[i].Id == questionId)
            {
                return i;
            }
        }
        return -1;
    }
}
