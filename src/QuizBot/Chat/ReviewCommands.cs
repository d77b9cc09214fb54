using QuizBot.Quizzes.Review;

namespace QuizBot.Chat;

// "review" in chat, for every channel: the questions a person got wrong, asked again in their 1:1 chat with the bot.
// In a shared conversation it only says where to send it: the questions and answers are the person's own.
internal sealed class ReviewCommands(SpacedReviews reviews)
{
    public async Task<ChatReply> OnCommandAsync(ChatTurn turn, CancellationToken ct)
    {
        if (!turn.Personal)
        {
            return ChatReply.Text(Wording.ReviewInPrivate);
        }
        return await reviews.StartAsync(turn.Who, ct) switch
        {
            ReviewStart.Ask ask => ChatReply.Everyone(new ChatView.Text(Wording.DueToday(ask.Question.Due)), new ChatView.RecallQuestion(ask.Question)),
            ReviewStart.NothingDue none => ChatReply.Text(Wording.NothingDue(none.Next)),
            _ => throw new InvalidOperationException(),
        };
    }

    // The result replaces the clicked question for the person; the next due question (or the closing line) follows.
    public async Task<ChatReply> AnswerAsync(ChatTurn turn, CardAction.Recall recall, CancellationToken ct) =>
        await reviews.AnswerAsync(turn.Who, recall.BankId, recall.QuestionId, recall.Step, recall.Choice, recall.Right, recall.Answered, ct) switch
        {
            RecallOutcome.Accepted ok => new ChatReply([
                new ChatMessage(new ChatView.RecallResult(ok.Result), Audience.InPlace),
                new ChatMessage(ok.Next is { } next ? new ChatView.RecallQuestion(next) : new ChatView.Text(Wording.ReviewDone(ok.Done!)), Audience.Everyone)]),
            RecallOutcome.AlreadyAnswered again => ChatReply.To(Audience.InPlace, new ChatView.RecallResult(again.Result)),
            RecallOutcome.Rejected no => ChatReply.Refuse(no.Reason),
            _ => throw new InvalidOperationException(),
        };
}
