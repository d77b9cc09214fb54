using QuizBot.Quizzes;
using QuizBot.Quizzes.Review;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Chat;

// What QuizBot shows, before any channel renders it (Adaptive Cards in Teams, Block Kit in Slack). Text is in the
// engine's small markup (Markup.cs).
internal abstract record ChatView
{
    public sealed record Text(string Markup) : ChatView;

    // The click or command was refused: NotFound when what it names does not exist here.
    public sealed record Refusal(string Reason, bool NotFound = false) : ChatView;

    public sealed record Welcome : ChatView;

    public sealed record Question(QuestionView View) : ChatView;

    public sealed record Result(ResultView View) : ChatView;

    public sealed record Review(ReviewView View) : ChatView;

    // A question asked in review, and the person's result (the same card shapes as a self-paced question and result).
    public sealed record RecallQuestion(RecallView View) : ChatView;

    public sealed record RecallResult(RecallResultView View) : ChatView;

    public sealed record ChooseBank(IReadOnlyList<QuestionBank> Banks, string Prompt) : ChatView;

    public sealed record ScheduleForm(IReadOnlyList<QuestionBank> Banks) : ChatView;

    public sealed record Board(BoardView View) : ChatView;

    public sealed record Stats(StatsView View) : ChatView;

    public sealed record Missed(string Title, IReadOnlyList<MissedQuestion> Items) : ChatView;

    // The shared question card. PersonalViews: user keys of the people who should keep seeing their own result on it
    // (a channel that can show one card differently per person uses them; others ignore them).
    public sealed record RoundQuestion(RoundQuestionView View, IReadOnlyList<string> PersonalViews) : ChatView;

    public sealed record RoundResult(RoundResultView View, int Answers, IReadOnlyList<string> PersonalViews) : ChatView;

    public sealed record RoundClosed(ClosedPostView View) : ChatView;

    // A form's input was not acceptable: Field names the input (a channel that can point at it, like a Slack modal, does).
    public sealed record FormProblem(string Reason, string Field) : ChatView;

    // An admin's list of reported questions with what they can decide.
    public sealed record Disputes(Quizzes.Disputes.DisputesView View) : ChatView;
}
