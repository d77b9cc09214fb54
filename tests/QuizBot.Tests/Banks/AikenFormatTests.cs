using static QuizBot.Tests.Banks.BankFileKit;

namespace QuizBot.Tests.Banks;

public sealed class AikenFormatTests
{
    [Fact]
    public void Questions_options_with_dots_or_parentheses_answers_and_the_explanation_extension_read()
    {
        var bank = Read("""
            What does pruning remove?
            A. Whole datasets
            B. Unimportant weights
            C) Layers
            ANSWER: B
            EXPLANATION: Weights that contribute little.
            They are set to zero.

            Which is smaller,
            int8 or float32?
            A) int8
            B) float32
            ANSWER: a
            """, "Pruning Basics.txt").Bank;

        Assert.Equal("pruning-basics", bank.Id);
        Assert.Equal("Pruning Basics", bank.Title);
        Assert.Equal(2, bank.Questions.Count);
        var q = bank.Questions[0];
        Assert.Equal("what-does-pruning-remove", q.Id);
        Assert.Equal(["Whole datasets", "Unimportant weights", "Layers"], q.Choices);
        Assert.Equal("Unimportant weights", q.AnswerText);
        Assert.Equal("Weights that contribute little.\nThey are set to zero.", q.Explanation);
        Assert.Equal("Which is smaller,\nint8 or float32?", bank.Questions[1].Text);
        Assert.Equal("int8", bank.Questions[1].AnswerText);
        Assert.Equal("", bank.Questions[1].Explanation);
    }

    [Theory]
    [InlineData("Q1?\nA. a\nB. b\nANSWER: A\n\nQ2?\nA. a\nB. b\nANSWER: C\n", 9, "\"C\" is not among the options A to B")]
    [InlineData("Q1?\nA. a\nB. b\n", 1, "no ANSWER line")]
    [InlineData("Q1?\nA. a\nANSWER: A\n", 1, "1 choice")]
    [InlineData("Q1?\nA. a\nC. c\nANSWER: A\n", 3, "expected option \"B. ...\"")]
    [InlineData("Q1?\nANSWER: A\n", 2, "before any option")]
    [InlineData("Q1?\n\nA. a\nB. b\nANSWER: A\n", 1, "no options")]
    [InlineData("Q1?\nA. a\nB. b\nANSWER:\n", 4, "names no option")]
    [InlineData("Q1?\nA. a\nB. b\nC. A\nANSWER: A\n", 1, "are the same")]
    public void A_broken_question_is_refused_at_its_line_with_what_to_fix(string aiken, int line, string problem)
    {
        var e = Refused(aiken, "broken.txt");

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Contains("no question", Refused("\n\n", "empty.txt").Message, StringComparison.Ordinal);
    }
}
