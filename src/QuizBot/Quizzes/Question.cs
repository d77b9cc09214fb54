namespace QuizBot.Quizzes;

internal sealed record Question(string Id, string Text, IReadOnlyList<string> Choices, int Answer, string Explanation)
{
    public string AnswerText => Choices[Answer];

    public static string Label(int choice) => ((char)('A' + choice)).ToString();

    public string Describe(int choice) => $"{Label(choice)}. {Choices[choice]}";
}

internal sealed record QuestionBank(string Id, string Title, string Description, IReadOnlyList<Question> Questions)
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
