using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Disputes table: partition "d|{conversation}" (a conversation's reports are listed and decided together, so deciding a
// question's reports is a batch within one partition), row "{question}|{reporter}" where {question} encodes bank and
// question id. Open marks undecided reports, so listing them is a filter, not a read of every decided one.
internal sealed partial class TableQuizStore
{
    private static string DisputePk(string conversationKey) => "d|" + TableKeys.Segment(conversationKey);

    // Bank and question each escaped (so '|' inside them cannot shift the split), then the pair as one segment.
    private static string DisputeQuestion(string bankId, string questionId) =>
        TableKeys.Segment(TableKeys.Segment(bankId) + "|" + TableKeys.Segment(questionId));

    public async Task<(bool Inserted, DisputeReport? Existing)> AddDisputeAsync(DisputeReport report, CancellationToken ct)
    {
        var pk = DisputePk(report.ConversationKey);
        var rk = DisputeQuestion(report.BankId, report.QuestionId) + "|" + TableKeys.Segment(report.UserKey);
        var e = new TableEntity(pk, rk)
        {
            ["Conversation"] = report.ConversationKey,
            ["BankId"] = report.BankId,
            ["QuestionId"] = report.QuestionId,
            ["UserKey"] = report.UserKey,
            ["UserName"] = report.UserName,
            ["Reason"] = (int)report.Reason,
            ["Text"] = report.Text,
            ["PostId"] = report.PostId,
            ["SessionId"] = report.SessionId,
            ["ReportedAt"] = Ms(report.ReportedAt),
            ["Open"] = true,
        };
        try
        {
            await _disputes.AddEntityAsync(e, ct);
            return (true, null);
        }
        catch (RequestFailedException ex) when (Is(ex, 409))
        {
            return (false, await GetAsync(_disputes, pk, rk, ct) is { } existing ? ReadDispute(existing) : null);
        }
    }

    public async Task<IReadOnlyList<DisputeReport>> GetOpenDisputesAsync(string conversationKey, int limit, CancellationToken ct)
    {
        var rows = await QueryAsync(_disputes, TableClient.CreateQueryFilter($"PartitionKey eq {DisputePk(conversationKey)} and Open eq true"), null, ct);
        return [.. rows.Select(ReadDispute).OrderBy(r => r.ReportedAt).ThenBy(r => r.UserKey, StringComparer.Ordinal).Take(limit)];
    }

    public async Task<IReadOnlyList<DisputeReport>> GetDisputesAsync(string conversationKey, string bankId, string questionId, CancellationToken ct) =>
        [.. (await QuestionDisputesAsync(conversationKey, bankId, questionId, ct)).Select(ReadDispute)
            .OrderBy(r => r.ReportedAt).ThenBy(r => r.UserKey, StringComparer.Ordinal)];

    // Each batch is conditional on the ETags read: a racing call that decided some of them first fails the batch, and the
    // re-read finds those decided, so every report is decided once and reported back by the call that decided it.
    public async Task<IReadOnlyList<DisputeReport>> ResolveDisputesAsync(string conversationKey, string bankId, string questionId,
        DisputeDecision decision, CancellationToken ct)
    {
        var decided = new List<DisputeReport>();
        for (var attempt = 0; ; attempt++)
        {
            var open = (await QuestionDisputesAsync(conversationKey, bankId, questionId, ct)).Where(e => e.GetBoolean("Open") == true).ToList();
            if (open.Count == 0)
            {
                return decided;
            }
            try
            {
                foreach (var chunk in open.Chunk(100))
                {
                    await SubmitAsync(_disputes, [.. chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(e.PartitionKey, e.RowKey)
                    {
                        ["Open"] = false,
                        ["Decision"] = (int)decision.Verdict,
                        ["NewAnswer"] = decision.NewAnswer,
                        ["DecidedBy"] = decision.DecidedBy,
                        ["DecidedAt"] = Ms(decision.At),
                    }, e.ETag))], ct);
                    decided.AddRange(chunk.Select(e => ReadDispute(e) with { Decision = decision }));
                }
                return decided;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                await BackOffAsync(attempt, ct);
            }
        }
    }

    private Task<List<TableEntity>> QuestionDisputesAsync(string conversationKey, string bankId, string questionId, CancellationToken ct) =>
        RangeAsync(_disputes, DisputePk(conversationKey), DisputeQuestion(bankId, questionId) + "|", null, ct);

    private static DisputeReport ReadDispute(TableEntity e) =>
        new(e.GetString("Conversation"), e.GetString("BankId"), e.GetString("QuestionId"), e.GetString("UserKey"), e.GetString("UserName"),
            (DisputeReason)e.GetInt32("Reason")!.Value, e.GetString("Text") ?? "", e.GetString("PostId"), e.GetString("SessionId"), At(e, "ReportedAt"),
            e.GetInt32("Decision") is { } verdict
                ? new DisputeDecision((DisputeVerdict)verdict, e.GetInt32("NewAnswer"), e.GetString("DecidedBy") ?? "", At(e, "DecidedAt"))
                : null);
}
