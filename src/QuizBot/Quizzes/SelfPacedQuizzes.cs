using QuizBot.Storage;
using QuizBot.Telemetry;

namespace QuizBot.Quizzes;

// A person taking a whole bank at their own pace in a 1:1 chat, as on the seed quiz page.
// misses: where a wrong answer is put up for the person's spaced review (none where a caller does not review).
internal sealed class SelfPacedQuizzes(ISessionStore store, BankCatalog banks, TimeProvider time, Review.ReviewMisses? misses = null)
{
    public async Task<StartOutcome> StartAsync(Participant who, string conversationKey, string? bankName, CancellationToken ct)
    {
        var active = await store.GetActiveSessionAsync(who.Key, ct);
        QuestionBank? bank;
        if (string.IsNullOrWhiteSpace(bankName))
        {
            if (active is not null && banks.Get(active.BankId, active.BankVersion) is { } current && await AskAsync(active, current, ct) is { } resumed)
            {
                return new StartOutcome.Ask(resumed.Question, Resumed: true);
            }
            var all = banks.All;
            if (all.Count == 0)
            {
                return new StartOutcome.NoBanks();
            }
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
            if (active is not null && active.BankId == bank.Id && await AskAsync(active, banks.Get(active.BankId, active.BankVersion) ?? bank, ct) is { } resumed)
            {
                return new StartOutcome.Ask(resumed.Question, Resumed: true);
            }
        }
        var session = new QuizSession(Guid.NewGuid().ToString("N"), who.Key, conversationKey, bank.Id,
            Position: 0, Score: 0, SessionStatus.Active, time.GetUtcNow(), CompletedAt: null, QuizSession.Join(bank.Questions.Select(q => q.Id)),
            bank.Version);
        await store.StartSessionAsync(session, ct);
        return new StartOutcome.Ask(Ask(session, bank, Order(session, bank), bank.Questions[0]), Resumed: false);
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
        var bank = banks.Get(session.BankId, session.BankVersion);
        if (bank is null)
        {
            return new AnswerOutcome.Rejected($"That quiz's question bank is no longer available. Type {Markup.Strong("quiz")} to start another.");
        }
        var order = Order(session, bank);
        if (index < 0 || index >= order.Count)
        {
            return new AnswerOutcome.Rejected("That question is not part of this quiz.");
        }
        var question = QuestionAt(bank, order, index);
        if (question is not null && (choice < 0 || choice >= question.Choices.Count))
        {
            return new AnswerOutcome.Rejected("That is not one of the choices for this question.");
        }
        if (index < session.Position || session.Status == SessionStatus.Completed)
        {
            return await AlreadyAnsweredAsync(bank, order, sessionId, index, ct);
        }
        if (session.Status == SessionStatus.Abandoned)
        {
            return new AnswerOutcome.Rejected($"That quiz was replaced by a newer one. Type {Markup.Strong("quiz")} to carry on.");
        }
        if (index > session.Position)
        {
            return new AnswerOutcome.Rejected($"Please answer question {session.Position + 1} first.");
        }
        if (question is null)
        {
            // Withdrawn from the bank after it was asked: it is skipped, and the quiz goes on from the next one.
            await SkipAsync(session, order, ct);
            return new AnswerOutcome.Rejected($"{Rounds.PostedQuestions.WithdrawnMessage} Type {Markup.Strong("quiz")} to carry on.");
        }

        var answer = new SessionAnswer(sessionId, index, choice, choice == question.Answer, time.GetUtcNow(), question.Id);
        var write = await store.AddSessionAnswerAsync(answer, order.Count, ct);
        if (!write.Inserted)
        {
            return write.Existing is null
                ? new AnswerOutcome.Rejected($"That quiz has moved on. Type {Markup.Strong("quiz")} to carry on.")
                : await AlreadyAnsweredAsync(bank, order, sessionId, index, ct);
        }
        if (!answer.Correct && misses is not null)
        {
            await misses.RecordAsync(who.Key, bank.Id, question.Id, ct);
        }
        var next = await AskAsync(session with { Position = index + 1 }, bank, ct);
        var notice = next?.Skipped > 0 || (next is null && index + 1 < order.Count) ? SkippedNotice : null;
        var result = new ResultView(bank.Title, index, order.Count, question, choice, notice, sessionId);
        return next is not null
            ? new AnswerOutcome.Accepted(result, next.Question, Review: null)
            : new AnswerOutcome.Accepted(result, Next: null, await ReviewAsync(bank, order, sessionId, ct));
    }

    private const string SkippedNotice = "A later question was withdrawn from the bank; it is skipped and counts for nobody.";

    public async Task<ReviewView?> GetReviewAsync(string sessionId, CancellationToken ct)
    {
        var session = await store.GetSessionAsync(sessionId, ct);
        return session is null || banks.Get(session.BankId, session.BankVersion) is not { } bank ? null : await ReviewAsync(bank, Order(session, bank), sessionId, ct);
    }

    private sealed record Asked(QuestionView Question, int Skipped);

    // The question at the session's position, skipping (and recording as skipped) any withdrawn from the bank since the
    // session started. Null when nothing is left to ask: the skips completed the session.
    private async Task<Asked?> AskAsync(QuizSession session, QuestionBank bank, CancellationToken ct)
    {
        var order = Order(session, bank);
        var skipped = 0;
        while (session.Position < order.Count)
        {
            if (QuestionAt(bank, order, session.Position) is { } question)
            {
                return new Asked(Ask(session, bank, order, question), skipped);
            }
            if (!await SkipAsync(session, order, ct))
            {
                return null; // answered or moved on elsewhere meanwhile
            }
            session = session with { Position = session.Position + 1 };
            skipped++;
        }
        return null;
    }

    private async Task<bool> SkipAsync(QuizSession session, IReadOnlyList<string> order, CancellationToken ct) =>
        (await store.AddSessionAnswerAsync(new SessionAnswer(session.Id, session.Position, SessionAnswer.Skipped, false, time.GetUtcNow(),
            order[session.Position]), order.Count, ct)).Inserted;

    private async Task<AnswerOutcome> AlreadyAnsweredAsync(QuestionBank bank, IReadOnlyList<string> order, string sessionId, int index, CancellationToken ct)
    {
        var answers = await store.GetSessionAnswersAsync(sessionId, ct);
        var first = answers.FirstOrDefault(a => a.QuestionIndex == index);
        if (QuestionAt(bank, order, index) is not { } question || first is { Choice: SessionAnswer.Skipped })
        {
            return new AnswerOutcome.Rejected(Rounds.PostedQuestions.WithdrawnMessage);
        }
        if (first is null)
        {
            return new AnswerOutcome.Rejected("That question was not answered in this quiz.");
        }
        return new AnswerOutcome.AlreadyAnswered(new ResultView(bank.Title, index, order.Count, question, first.Choice,
            "You already answered this question; your first answer stands.", sessionId));
    }

    // Questions withdrawn from the bank drop out of the review and its score alike.
    private async Task<ReviewView> ReviewAsync(QuestionBank bank, IReadOnlyList<string> order, string sessionId, CancellationToken ct)
    {
        var answers = (await store.GetSessionAnswersAsync(sessionId, ct))
            .Where(a => a.Choice != SessionAnswer.Skipped && a.QuestionIndex < order.Count)
            .ToDictionary(a => a.QuestionId ?? order[a.QuestionIndex], a => a.Choice);
        var items = order.Select(id => bank.IndexOf(id)).Where(i => i >= 0).Select(i => bank.Questions[i])
            .Select((q, n) => new ReviewItem(n + 1, q, answers.TryGetValue(q.Id, out var c) ? c : null)).ToList();
        return new ReviewView(bank.Title, items.Count(i => i.Correct), items.Count, items);
    }

    private static IReadOnlyList<string> Order(QuizSession session, QuestionBank bank) =>
        session.Order ?? [.. bank.Questions.Select(q => q.Id)];

    private static Question? QuestionAt(QuestionBank bank, IReadOnlyList<string> order, int index) =>
        bank.IndexOf(order[index]) is var i and >= 0 ? bank.Questions[i] : null;

    private static QuestionView Ask(QuizSession session, QuestionBank bank, IReadOnlyList<string> order, Question question) =>
        new(session.Id, bank.Title, session.Position, order.Count, question);
}
