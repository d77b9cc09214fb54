using Azure;
using Azure.Data.Tables;
using QuizBot.Quizzes;

namespace QuizBot.Storage.Tables;

// Sessions table. A session and its answers share the partition "s|{session}", so an answer and the step it
// advances are one transaction. "u|{user}"/"active" points at the person's active session.
internal sealed partial class TableQuizStore
{
    private const string SessionRow = "session";
    private const string ActiveRow = "active";

    private static string SessionPk(string sessionId) => "s|" + TableKeys.Segment(sessionId);

    private static string UserPk(string userKey) => "u|" + TableKeys.Segment(userKey);

    private static string SessionAnswerRow(int index) => "a|" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct)
    {
        if (await GetAsync(_sessions, UserPk(userKey), ActiveRow, ct) is not { } pointer)
        {
            return null;
        }
        var session = await GetSessionAsync(pointer.GetString("SessionId"), ct);
        return session is { Status: SessionStatus.Active } && session.UserKey == userKey ? session : null;
    }

    public async Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct) =>
        await GetAsync(_sessions, SessionPk(sessionId), SessionRow, ct) is { } e ? ReadSession(e) : null;

    // The session is written first, then the pointer moves to it and the one it replaces is abandoned. A crash in
    // between leaves an unreachable session, never two active ones.
    public async Task StartSessionAsync(QuizSession session, CancellationToken ct)
    {
        try
        {
            await _sessions.AddEntityAsync(SessionEntity(session), ct);
        }
        catch (RequestFailedException e) when (Is(e, 409))
        {
            // A resent insert whose first attempt committed is ours: carry on with the pointer. Anything else is a clash.
            if (await GetSessionAsync(session.Id, ct) is not { } stored || stored.UserKey != session.UserKey || stored.StartedAt != session.StartedAt)
            {
                throw;
            }
        }
        var pk = UserPk(session.UserKey);
        for (var attempt = 0; ; attempt++)
        {
            var pointer = await GetAsync(_sessions, pk, ActiveRow, ct);
            if (pointer?.GetString("SessionId") is { } old && old != session.Id)
            {
                await AbandonAsync(old, ct);
            }
            var next = new TableEntity(pk, ActiveRow) { ["SessionId"] = session.Id };
            try
            {
                if (pointer is null)
                {
                    await _sessions.AddEntityAsync(next, ct);
                }
                else
                {
                    await _sessions.UpdateEntityAsync(next, pointer.ETag, TableUpdateMode.Replace, ct);
                }
                return;
            }
            catch (RequestFailedException e) when (Is(e, 409) || Is(e, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    private async Task AbandonAsync(string sessionId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await GetAsync(_sessions, SessionPk(sessionId), SessionRow, ct) is not { } e || e.GetInt32("Status") != (int)SessionStatus.Active)
            {
                return;
            }
            e["Status"] = (int)SessionStatus.Abandoned;
            try
            {
                await _sessions.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException ex) when (Is(ex, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    // Two requests: read the session, then insert the answer and advance the session in one transaction.
    public async Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct)
    {
        var pk = SessionPk(answer.SessionId);
        for (var attempt = 0; ; attempt++)
        {
            var s = await GetAsync(_sessions, pk, SessionRow, ct);
            if (s is null || s.GetInt32("Status") != (int)SessionStatus.Active || s.GetInt32("Position") != answer.QuestionIndex)
            {
                return new SessionAnswerWrite(false, await GetSessionAnswerAsync(pk, answer, ct));
            }
            var position = answer.QuestionIndex + 1;
            s["Position"] = position;
            s["Score"] = s.GetInt32("Score")!.Value + (answer.Correct ? 1 : 0);
            if (position >= questionCount)
            {
                s["Status"] = (int)SessionStatus.Completed;
                s["CompletedAt"] = Ms(answer.AnsweredAt);
            }
            var row = new TableEntity(pk, SessionAnswerRow(answer.QuestionIndex))
            {
                ["Choice"] = answer.Choice,
                ["Correct"] = answer.Correct,
                ["AnsweredAt"] = Ms(answer.AnsweredAt),
                ["QuestionId"] = answer.QuestionId,
            };
            try
            {
                await SubmitAsync(_sessions, [new(TableTransactionActionType.Add, row), new(TableTransactionActionType.UpdateReplace, s, s.ETag)], ct);
                return new SessionAnswerWrite(true, null);
            }
            catch (TableTransactionFailedException e) when (Is(e, 409))
            {
                // Identical to the millisecond: our own insert, committed on an attempt whose answer was lost and then resent.
                var existing = await GetSessionAnswerAsync(pk, answer, ct);
                return existing == answer with { AnsweredAt = DateTimeOffset.FromUnixTimeMilliseconds(Ms(answer.AnsweredAt)) }
                    ? new SessionAnswerWrite(true, null)
                    : new SessionAnswerWrite(false, existing);
            }
            catch (TableTransactionFailedException e) when (Is(e, 412))
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    public async Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct) =>
        (await RangeAsync(_sessions, SessionPk(sessionId), "a|", null, ct)).Select(e => ReadSessionAnswer(sessionId, e)).ToList();

    private async Task<SessionAnswer?> GetSessionAnswerAsync(string pk, SessionAnswer answer, CancellationToken ct) =>
        await GetAsync(_sessions, pk, SessionAnswerRow(answer.QuestionIndex), ct) is { } e ? ReadSessionAnswer(answer.SessionId, e) : null;

    private static SessionAnswer ReadSessionAnswer(string sessionId, TableEntity e) =>
        new(sessionId, int.Parse(e.RowKey.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture), e.GetInt32("Choice")!.Value,
            e.GetBoolean("Correct")!.Value, At(e, "AnsweredAt"), e.GetString("QuestionId"));

    private static TableEntity SessionEntity(QuizSession s)
    {
        var e = new TableEntity(SessionPk(s.Id), SessionRow)
        {
            ["Id"] = s.Id,
            ["UserKey"] = s.UserKey,
            ["ConversationKey"] = s.ConversationKey,
            ["BankId"] = s.BankId,
            ["Position"] = s.Position,
            ["Score"] = s.Score,
            ["Status"] = (int)s.Status,
            ["StartedAt"] = Ms(s.StartedAt),
            ["QuestionIds"] = s.QuestionIds,
            ["BankVersion"] = s.BankVersion,
        };
        if (s.CompletedAt is { } completed)
        {
            e["CompletedAt"] = Ms(completed);
        }
        return e;
    }

    private static QuizSession ReadSession(TableEntity e) => new(
        e.GetString("Id"), e.GetString("UserKey"), e.GetString("ConversationKey"), e.GetString("BankId"), e.GetInt32("Position")!.Value,
        e.GetInt32("Score")!.Value, (SessionStatus)e.GetInt32("Status")!.Value, At(e, "StartedAt"), AtOrNull(e, "CompletedAt"),
        e.GetString("QuestionIds"), e.GetInt32("BankVersion"));
}
