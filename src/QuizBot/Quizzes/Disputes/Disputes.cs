using QuizBot.Chat;
using QuizBot.Quizzes.Banks;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Disputes;

// "Report a problem" on a private result, and the admins' decisions on what was reported. A report names only what the
// card could name (a post, or a session step); whether the person may report it, and which question it is, comes from
// the store: a forged card reports nothing.
internal sealed class Disputes(IDisputeStore store, IRoundStore rounds, ISessionStore sessions, BankCatalog banks, Admins admins,
    BankLibrary library, TimeProvider time)
{
    public const int MaxText = 500;
    public const int MaxQuestionsShown = 10;
    private const int MaxOpenRead = 500;

    public async Task<ReportOutcome> ReportAsync(Participant who, string conversationKey, DisputeTarget target, DisputeReason? reason, string? text,
        CancellationToken ct)
    {
        var said = (text ?? "").Trim();
        if (reason is null)
        {
            return new ReportOutcome.Invalid(Wording.DisputePickReason, DisputeField.Reason);
        }
        if (said.Length > MaxText)
        {
            return new ReportOutcome.Invalid(Wording.DisputeTooLong(said.Length, MaxText), DisputeField.Text);
        }
        if (reason == DisputeReason.Other && said.Length == 0)
        {
            return new ReportOutcome.Invalid(Wording.DisputeSayWhat, DisputeField.Text);
        }
        var found = target switch
        {
            DisputeTarget.Post post => await PostQuestionAsync(who, conversationKey, post.PostId, ct),
            DisputeTarget.Session session => await SessionQuestionAsync(who, conversationKey, session, ct),
            _ => null,
        };
        if (found is not var (bankId, question))
        {
            return new ReportOutcome.Rejected(Wording.DisputeNotYours);
        }
        var report = new DisputeReport(conversationKey, bankId, question.Id, who.Key, who.Name, reason.Value, said,
            (target as DisputeTarget.Post)?.PostId, (target as DisputeTarget.Session)?.SessionId, time.GetUtcNow());
        var (inserted, existing) = await store.AddDisputeAsync(report, ct);
        return inserted || existing is null ? new ReportOutcome.Stored(question.Text) : new ReportOutcome.AlreadyReported(existing, question.Text);
    }

    // The post must be of this conversation and answered by this person: only a private result carries the button.
    private async Task<(string BankId, Question Question)?> PostQuestionAsync(Participant who, string conversationKey, string postId, CancellationToken ct)
    {
        var post = await rounds.GetPostAsync(postId, ct);
        // The question as the post asked it: the bank version it was posted from, with the key it was posted with.
        if (post is null || post.ConversationKey != conversationKey || banks.Get(post.BankId, post.BankVersion) is not { } bank
            || bank.Resolve(post.Question) is not { } question
            || await rounds.GetPostAnswerAsync(postId, who.Key, ct) is null)
        {
            return null;
        }
        return (bank.Id, question);
    }

    private async Task<(string BankId, Question Question)?> SessionQuestionAsync(Participant who, string conversationKey, DisputeTarget.Session target,
        CancellationToken ct)
    {
        var session = await sessions.GetSessionAsync(target.SessionId, ct);
        if (session is null || session.UserKey != who.Key || session.ConversationKey != conversationKey
            || banks.Get(session.BankId, session.BankVersion) is not { } bank)
        {
            return null;
        }
        var order = session.Order ?? [.. bank.Questions.Select(q => q.Id)];
        var answer = (await sessions.GetSessionAnswersAsync(session.Id, ct)).FirstOrDefault(a => a.QuestionIndex == target.Index);
        if (answer is null || answer.Choice == SessionAnswer.Skipped || target.Index < 0 || target.Index >= order.Count)
        {
            return null;
        }
        var index = bank.IndexOf(answer.QuestionId ?? order[target.Index]);
        return index < 0 ? null : (bank.Id, bank.Questions[index]);
    }

    public async Task<DisputesOutcome> ListAsync(Participant who, string conversationKey, CancellationToken ct)
    {
        if (!await admins.IsAdminAsync(who, conversationKey, ct))
        {
            return new DisputesOutcome.Refused(Admins.Refusal);
        }
        var open = await store.GetOpenDisputesAsync(conversationKey, MaxOpenRead, ct);
        if (open.Count == 0)
        {
            return new DisputesOutcome.Nothing();
        }
        // Most reported first; among equals, the question reported first.
        var questions = open.GroupBy(r => (r.BankId, r.QuestionId))
            .Select(g => Describe(g.Key.BankId, g.Key.QuestionId, [.. g]))
            .OrderByDescending(q => q.Count).ThenBy(q => q.Reports[0].ReportedAt)
            .ToList();
        return new DisputesOutcome.Open(new DisputesView([.. questions.Take(MaxQuestionsShown)], Math.Max(0, questions.Count - MaxQuestionsShown)));
    }

    private DisputedQuestion Describe(string bankId, string questionId, IReadOnlyList<DisputeReport> reports)
    {
        var bank = banks.Get(bankId);
        var index = bank?.IndexOf(questionId) ?? -1;
        return new DisputedQuestion(bankId, questionId, bank?.Title ?? bankId, index >= 0 ? bank!.Questions[index] : null, reports);
    }

    // Acts once: the posts are revised (idempotent), the new key is stored, then the reports are decided; only the call
    // that decided them hands back notices, so a double click or a redelivery tells each reporter once.
    public async Task<DecideOutcome> DecideAsync(Participant who, string conversationKey, string bankId, string questionId, DisputeVerdict verdict,
        int? newAnswer, CancellationToken ct)
    {
        if (!await admins.IsAdminAsync(who, conversationKey, ct))
        {
            return new DecideOutcome.Refused(Admins.Refusal);
        }
        var reports = await store.GetDisputesAsync(conversationKey, bankId, questionId, ct);
        if (reports.Count == 0)
        {
            return new DecideOutcome.Refused(Wording.DisputeUnknown);
        }
        var described = Describe(bankId, questionId, reports);
        if (reports.All(r => r.Decision is not null))
        {
            return new DecideOutcome.AlreadyDecided(Wording.DisputeAlreadyDecided(reports[^1].Decision!, described.Question));
        }
        if (verdict == DisputeVerdict.NewAnswer)
        {
            if (described.Question is not { } question)
            {
                return new DecideOutcome.Refused(Wording.DisputeQuestionGone);
            }
            if (newAnswer is not { } a || a < 0 || a >= question.Choices.Count)
            {
                return new DecideOutcome.Refused(Wording.DisputeNoSuchChoice);
            }
        }
        else
        {
            newAnswer = null;
        }
        if (verdict != DisputeVerdict.Dismissed)
        {
            foreach (var postId in await PostsOfAsync(conversationKey, bankId, questionId, reports, ct))
            {
                var post = await rounds.GetPostAsync(postId, ct);
                if (post is null)
                {
                    continue;
                }
                // Void or re-score: an open post closes by the new key, a closed one's boards are re-folded (idempotent).
                await rounds.RevisePostAsync(postId, newAnswer, Periods.For(post.SlotAt, TimeZoneInfo.FindSystemTimeZoneById(post.TimeZone)), ct);
            }
            if (newAnswer is { } fixedAnswer)
            {
                // The bank's next version carries the fixed key, so later posts and quizzes ask with it.
                await library.SetAnswerAsync(bankId, questionId, fixedAnswer, ct);
            }
        }
        var decision = new DisputeDecision(verdict, newAnswer, who.Key, time.GetUtcNow());
        var decided = await store.ResolveDisputesAsync(conversationKey, bankId, questionId, decision, ct);
        if (decided.Count == 0)
        {
            return new DecideOutcome.AlreadyDecided(Wording.DisputeAlreadyDecided(decision, described.Question));
        }
        var questionText = described.Question?.Text ?? questionId;
        return new DecideOutcome.Decided(Wording.DisputeDecided(decision, described.Question, decided.Count),
            [.. decided.Select(r => new DisputeNotice(r, Wording.DisputeOutcomeForReporter(decision, questionText, described.Question)))]);
    }

    // Every post of that question in the conversation: those reported on, and the closed ones nobody reported.
    private async Task<IReadOnlyList<string>> PostsOfAsync(string conversationKey, string bankId, string questionId, IReadOnlyList<DisputeReport> reports,
        CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var id in reports.Select(r => r.PostId).OfType<string>())
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        foreach (var post in await rounds.GetClosedPostsAsync(conversationKey, MaxOpenRead, ct))
        {
            if (post.BankId == bankId && post.Question.Id == questionId && !ids.Contains(post.Id))
            {
                ids.Add(post.Id);
            }
        }
        return ids;
    }
}
