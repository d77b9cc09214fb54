using QuizBot.Storage;
using QuizBot.Telemetry;

namespace QuizBot.Quizzes;

// A person taking a whole bank at their own pace in a 1:1 chat, as on the seed quiz page.
internal sealed class SelfPacedQuizzes(ISessionStore store, BankCatalog banks, TimeProvider time)
{
    public async Task<StartOutcome> StartAsync(Participant who, string conversationKey, string? bankName, CancellationToken ct)
    {
        var active = await store.GetActiveSessionAsync(who.Key, ct);
        QuestionBank? bank;
        if (string.IsNullOrWhiteSpace(bankName))
        {
            if (active is not null && banks.Get(active.BankId) is { } current)
            {
                return new StartOutcome.Ask(Ask(active, current), Resumed: true);
            }
            var all = banks.All;
            if (all.Count != 1)
            {
                return new StartOutcome.ChooseBank(all.ToList());
            }
            bank = all.First();
        }
        else
        {
            bank = banks.Find(bankName);
            if (bank is null)
            {
                return new StartOutcome.UnknownBank(bankName.Trim(), banks.All.ToList());
            }
            if (active is not null && active.BankId == bank.Id)
            {
                return new StartOutcome.Ask(Ask(active, bank), Resumed: true);
            }
        }
        var session = new QuizSession(Guid.NewGuid().ToString("N"), who.Key, conversationKey, bank.Id,
            Position: 0, Score: 0, SessionStatus.Active, time.GetUtcNow(), CompletedAt: null);
        await store.StartSessionAsync(session, ct);
        return new StartOutcome.Ask(Ask(session, bank), Resumed: false);
    }

    public async Task<AnswerOutcome> AnswerAsync(Participant who, string sessionId, int index, int choice, CancellationToken ct)
    {
        var outcome = await DecideAsync(who, sessionId, index, choice, ct);
        QuizBotTelemetry.Answered(QuizBotTelemetry.SelfPaced, outcome switch
        {
            AnswerOutcome.Accepted => QuizBotTelemetry.Accepted,
            AnswerOutcome.AlreadyAnswered => QuizBotTelemetry.Repeat,
            _ => QuizBotTelemetry.Rejected,
        });
        return outcome;
    }

    private async Task<AnswerOutcome> DecideAsync(Participant who, string sessionId, int index, int choice, CancellationToken ct)
    {
        var session = await store.GetSessionAsync(sessionId, ct);
        if (session is null || session.UserKey != who.Key)
        {
            // Someone else's session id in card data is treated like one that does not exist: nothing to learn from it.
            return new AnswerOutcome.Rejected($"That quiz card is not yours. Type {Markup.Strong("quiz")} to start your own.");
        }
        var bank = banks.Get(session.BankId);
        if (bank is null)
        {
            return new AnswerOutcome.Rejected($"That quiz's question bank is no longer available. Type {Markup.Strong("quiz")} to start another.");
        }
        if (index < 0 || index >= bank.Questions.Count)
        {
            return new AnswerOutcome.Rejected("That question is not part of this quiz.");
        }
        var question = bank.Questions[index];
        if (choice < 0 || choice >= question.Choices.Count)
        {
            return new AnswerOutcome.Rejected("That is not one of the choices for this question.");
        }
        if (index < session.Position || session.Status == SessionStatus.Completed)
        {
            return await AlreadyAnsweredAsync(bank, sessionId, index, ct);
        }
        if (session.Status == SessionStatus.Abandoned)
        {
            return new AnswerOutcome.Rejected($"That quiz was replaced by a newer one. Type {Markup.Strong("quiz")} to carry on.");
        }
        if (index > session.Position)
        {
            return new AnswerOutcome.Rejected($"Please answer question {session.Position + 1} first.");
        }

        var answer = new SessionAnswer(sessionId, index, choice, choice == question.Answer, time.GetUtcNow());
        var write = await store.AddSessionAnswerAsync(answer, bank.Questions.Count, ct);
        if (!write.Inserted)
        {
            return write.Existing is null
                ? new AnswerOutcome.Rejected($"That quiz has moved on. Type {Markup.Strong("quiz")} to carry on.")
                : await AlreadyAnsweredAsync(bank, sessionId, index, ct);
        }
        var result = new ResultView(bank.Title, index, bank.Questions.Count, question, choice, Notice: null);
        if (index + 1 < bank.Questions.Count)
        {
            var next = session with { Position = index + 1 };
            return new AnswerOutcome.Accepted(result, Ask(next, bank), Review: null);
        }
        return new AnswerOutcome.Accepted(result, Next: null, await ReviewAsync(bank, sessionId, ct));
    }

    public async Task<ReviewView?> GetReviewAsync(string sessionId, CancellationToken ct)
    {
        var session = await store.GetSessionAsync(sessionId, ct);
        return session is null || banks.Get(session.BankId) is not { } bank ? null : await ReviewAsync(bank, sessionId, ct);
    }

    private async Task<AnswerOutcome> AlreadyAnsweredAsync(QuestionBank bank, string sessionId, int index, CancellationToken ct)
    {
        var answers = await store.GetSessionAnswersAsync(sessionId, ct);
        var first = answers.FirstOrDefault(a => a.QuestionIndex == index);
        if (first is null)
        {
            return new AnswerOutcome.Rejected("That question was not answered in this quiz.");
        }
        return new AnswerOutcome.AlreadyAnswered(new ResultView(bank.Title, index, bank.Questions.Count, bank.Questions[index], first.Choice,
            "You already answered this question; your first answer stands."));
    }

    private async Task<ReviewView> ReviewAsync(QuestionBank bank, string sessionId, CancellationToken ct)
    {
        var answers = (await store.GetSessionAnswersAsync(sessionId, ct)).ToDictionary(a => a.QuestionIndex, a => a.Choice);
        var items = bank.Questions.Select((q, i) => new ReviewItem(i + 1, q, answers.TryGetValue(i, out var c) ? c : null)).ToList();
        return new ReviewView(bank.Title, items.Count(i => i.Correct), bank.Questions.Count, items);
    }

    private static QuestionView Ask(QuizSession session, QuestionBank bank) =>
        new(session.Id, bank.Title, session.Position, bank.Questions.Count, bank.Questions[session.Position]);
}
