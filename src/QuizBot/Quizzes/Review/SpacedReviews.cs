using QuizBot.Storage;

namespace QuizBot.Quizzes.Review;

// "review": the questions a person got wrong come back, spaced over days (Leitner.cs), one at a time, in a 1:1 chat.
// Each answer names the step its card was asked at, so a double click or a redelivered click moves the card once and
// the repeat is shown the answer that counted, as self-paced quizzes do.
internal sealed class SpacedReviews(IReviewStore store, BankCatalog banks, TimeProvider time)
{
    // Due cards read at once; a person with more due than this is asked them a sweep at a time.
    private const int Sweep = 200;

    public const string FirstAnswerStands = "You already answered this question; your first answer stands.";

    public async Task<ReviewStart> StartAsync(Participant who, CancellationToken ct) =>
        await NextAsync(who.Key, 0, 0, ct) is { } first
            ? new ReviewStart.Ask(first)
            : new ReviewStart.NothingDue(await store.GetNextReviewAsync(who.Key, ct));

    // right, answered: the sitting so far, as the clicked card carried them.
    public async Task<RecallOutcome> AnswerAsync(Participant who, string bankId, string questionId, int step, int choice, int right, int answered,
        CancellationToken ct)
    {
        var card = await store.GetReviewCardAsync(who.Key, bankId, questionId, ct);
        if (card is null)
        {
            // Also what someone else's card says: the cards are looked up by the clicking person, never by the card data.
            return new RecallOutcome.Rejected($"That question is not in your review. Type {Markup.Strong("review")} to see what is due.");
        }
        if (banks.Get(bankId) is not { } bank)
        {
            return new RecallOutcome.Rejected($"That question's bank is no longer available. Type {Markup.Strong("review")} to carry on.");
        }
        if (Find(bank, card) is not { } question)
        {
            await store.DropReviewAsync(who.Key, bankId, questionId, ct);
            return new RecallOutcome.Rejected($"{Rounds.PostedQuestions.WithdrawnMessage} Type {Markup.Strong("review")} to carry on.");
        }
        if (choice < 0 || choice >= question.Choices.Count)
        {
            return new RecallOutcome.Rejected("That is not one of the choices for this question.");
        }
        if (card.Step != step)
        {
            return Repeated(card, bank, question, step);
        }
        var now = time.GetUtcNow();
        if (card.Box > Leitner.Boxes || card.DueAt >= Leitner.EndOfToday(now))
        {
            return new RecallOutcome.Rejected("That question is not due for review yet.");
        }
        var correct = choice == question.Answer;
        var (box, dueAt) = Leitner.After(card.Box, correct, now);
        if (!await store.MoveReviewAsync(who.Key, bankId, questionId, step, box, dueAt, choice, ct))
        {
            // Another click on the same card won the race (or a round missed it meanwhile): say what counted.
            return await store.GetReviewCardAsync(who.Key, bankId, questionId, ct) is { } moved
                ? Repeated(moved, bank, question, step)
                : new RecallOutcome.Rejected($"That question is not in your review. Type {Markup.Strong("review")} to see what is due.");
        }
        answered = Math.Max(0, answered);
        var tally = (Right: Math.Clamp(right, 0, answered) + (correct ? 1 : 0), Answered: answered + 1);
        var result = new RecallResultView(bank.Title, question, choice, box, dueAt, null);
        return await NextAsync(who.Key, tally.Right, tally.Answered, ct) is { } next
            ? new RecallOutcome.Accepted(result, next, null)
            : new RecallOutcome.Accepted(result, null, new ReviewTally(tally.Right, tally.Answered, await store.GetNextReviewAsync(who.Key, ct)));
    }

    // The card is past the step the click saw: the click right after it is a repeat of the answer that moved it.
    private static RecallOutcome Repeated(ReviewCard card, QuestionBank bank, Question question, int step) =>
        card.Step == step + 1 && card.LastChoice is { } first && first >= 0 && first < question.Choices.Count
            ? new RecallOutcome.AlreadyAnswered(new RecallResultView(bank.Title, question, first, card.Box, card.DueAt, FirstAnswerStands))
            : new RecallOutcome.Rejected($"That review question has moved on. Type {Markup.Strong("review")} to see what is due now.");

    // The first due question that is still in its bank. A question withdrawn from a bank that is there is dropped for good;
    // one whose whole bank is missing is only passed over (a bank that failed to load may come back) and not counted.
    private async Task<RecallView?> NextAsync(string userKey, int right, int answered, CancellationToken ct)
    {
        var before = Leitner.EndOfToday(time.GetUtcNow());
        while (true)
        {
            var due = await store.GetDueReviewsAsync(userKey, before, Sweep, ct);
            (ReviewCard Card, QuestionBank Bank, Question Question)? first = null;
            var (passedOver, dropped) = (0, 0);
            foreach (var card in due)
            {
                if (banks.Get(card.BankId) is not { } bank)
                {
                    passedOver++;
                }
                else if (Find(bank, card) is { } question)
                {
                    first ??= (card, bank, question);
                }
                else
                {
                    await store.DropReviewAsync(userKey, card.BankId, card.QuestionId, ct);
                    dropped++;
                }
            }
            if (first is { } f)
            {
                var count = await store.CountDueReviewsAsync(userKey, before, ct) - passedOver;
                return new RecallView(f.Bank.Id, f.Bank.Title, f.Question, f.Card.Box, f.Card.Step, Math.Max(1, count), right, answered);
            }
            if (due.Count < Sweep || dropped == 0)
            {
                return null;
            }
        }
    }

    private static Question? Find(QuestionBank bank, ReviewCard card) => bank.IndexOf(card.QuestionId) is var i and >= 0 ? bank.Questions[i] : null;
}
