using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using static QuizBot.Tests.Banks.BankFileKit;

namespace QuizBot.Tests.Banks;

public sealed class GiftFormatTests
{
    private const string Sample = """
        // Moodle export
        $CATEGORY: $course$/top/Pruning basics

        ::pruning-goal:: What does pruning \{ in short \} remove? {
          =Unimportant weights #Right\: they add little.
          ~Whole datasets #No, pruning works on the model.
          ~Layers\=neurons
          ####Pruning removes weights that contribute little.\nSee chapter 2.
        }

        ::Question 2:: Which
        format is
        smaller? {~32-bit float ~%100%8-bit integer ~%-50%64-bit float}

        $CATEGORY: Quantization
        Is int8 quantization lossless? {FALSE}

        ::x:: Name one method. {=pruning =quantization}

        Match. {=a -> 1 =b -> 2}

        Pi? {#3.14:0.01}

        Write an essay. {}

        Just a description.

        Pick both. {~%50%a ~%50%b ~c}

        Two right? {=a =b ~c}

        Last one in this category? {=yes ~no}
        $CATEGORY: Distillation
        Teacher or student? {=teacher ~student}
        """;

    [Fact]
    public void Multiple_choice_questions_read_with_ids_feedback_explanations_categories_and_escapes()
    {
        var import = Read(Sample, "pruning.gift");
        var bank = import.Bank;
        Assert.Equal("pruning", bank.Id);
        Assert.Equal("Pruning basics", bank.Title);
        Assert.Equal(4, bank.Questions.Count);

        var q = bank.Questions[0];
        Assert.Equal("pruning-goal", q.Id);
        Assert.Equal("What does pruning { in short } remove?", q.Text);
        Assert.Equal(["Unimportant weights", "Whole datasets", "Layers=neurons"], q.Choices);
        Assert.Equal(0, q.Answer);
        Assert.Equal("Pruning removes weights that contribute little.\nSee chapter 2.", q.Explanation);
        Assert.Equal(["Right: they add little.", "No, pruning works on the model.", ""], q.Feedback!);
        Assert.Equal("Pruning basics", q.Category);
        Assert.Equal("No, pruning works on the model.\n\nPruning removes weights that contribute little.\nSee chapter 2.", q.ExplanationFor(1));

        // "Question 2" is a title, not an id: the id comes from the text. A multi-line question keeps its lines.
        var second = bank.Questions[1];
        Assert.Equal("which-format-is-smaller", second.Id);
        Assert.Equal("Which\nformat is\nsmaller?", second.Text);
        Assert.Equal("8-bit integer", second.AnswerText);
        Assert.Null(second.Feedback);
        Assert.Equal("", second.Explanation);

        Assert.Equal("Quantization", bank.Questions[2].Category);
        // A category line right after a question (no blank line) still ends it.
        Assert.Equal(("Last one in this category?", "Distillation"), (bank.Questions[2].Text, bank.Questions[3].Category));
    }

    private static readonly string[] Kinds = ["true/false", "short answer", "matching", "numeric", "essay", "description", "partial credit", "2 right answers"];

    [Fact]
    public void Other_question_types_are_skipped_with_their_line_and_why()
    {
        var skipped = Read(Sample, "pruning.gift").Skipped;

        Assert.Equal(
            [(16, Kinds[0]), (18, Kinds[1]), (20, Kinds[2]), (22, Kinds[3]), (24, Kinds[4]), (26, Kinds[5]), (28, Kinds[6]), (30, Kinds[7])],
            skipped.Select(s => (s.Line, Kinds.First(k => s.Reason.Contains(k, StringComparison.Ordinal)))).ToList());
        Assert.All(skipped, s => Assert.Contains("QuizBot ", s.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Q1? {=a ~b}\n\nQ2? {~a ~b}\n", 3, "no right answer")]
    [InlineData("Q1? {=a ~b}\n\n// comment\nQ2? {\n=a\n~b\n", 4, "never closed")]
    [InlineData("Q1? {=a ~b}\n\nQ2? {~%100%only}\n", 3, "1 choice")]
    [InlineData("Q? {=a ~b ~c ~d ~e ~f ~g}\n", 1, "at most 6")]
    [InlineData("Q? {=a ~A}\n", 1, "are the same")]
    [InlineData("Q? {=a ~}\n", 1, "choice B is empty")]
    [InlineData("{=a ~b}\n", 1, "no text")]
    [InlineData("::q1:: One? {=a ~b}\n\n::q1:: Two? {=a ~b}\n", 3, "used by an earlier question")]
    [InlineData("::broken title One? {=a ~b}\n", 1, "never ends")]
    [InlineData("Q1? {=a ~b}\nQ2? {=a ~b}\n", 2, "put a blank line before it")]
    public void A_broken_question_is_refused_at_its_line_with_what_to_fix(string gift, int line, string problem)
    {
        var e = Refused(gift, "broken.gift");

        Assert.Equal(line, e.Line);
        Assert.Contains($"broken.gift, line {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_only_unsupported_questions_is_refused_and_says_what_was_skipped()
    {
        var e = Refused("True? {T}\n\nName it. {=x}\n", "nothing.gift");

        Assert.Contains("no question QuizBot can ask", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1: a true/false question", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_written_file_escapes_what_GIFT_gives_meaning_to_and_names_ids_and_categories()
    {
        var bank = new QuestionBank("b", "B", "", [
            new("q-1", "2 + 2 = {x}: #1?\nReally", ["4 ~ four", "%5% off"], 0, "Because\\so.", "Maths", ["", "No #"]),
        ]);

        var gift = System.Text.Encoding.UTF8.GetString(BankFiles.Write(bank, BankFormat.Gift));

        Assert.Contains("$CATEGORY: Maths", gift, StringComparison.Ordinal);
        Assert.Contains(@"::q-1:: 2 + 2 \= \{x\}\: \#1?\nReally {", gift, StringComparison.Ordinal);
        Assert.Contains(@"=4 \~ four", gift, StringComparison.Ordinal);
        Assert.Contains(@"~\%5% off #No \#", gift, StringComparison.Ordinal);
        Assert.Contains(@"####Because\\so.", gift, StringComparison.Ordinal);
        Assert.Equal(bank.Questions, Read(gift, "b.gift").Bank.Questions, QuestionComparer.Instance);
    }
}
