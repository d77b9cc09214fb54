using Microsoft.Data.Sqlite;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Storage;

internal sealed partial class SqliteQuizStore
{
    private const string RoundColumns = "conversation_key, bank_id, cron, schedule_text, time_zone, questions_per_post, window_seconds, repeat, " +
        "weekly_board, status, cursor, next_due_at, next_board_at, created_by, created_at, version";

    public async Task<Round?> GetRoundAsync(string conversationKey, CancellationToken ct) =>
        (await QueryAsync($"SELECT {RoundColumns} FROM rounds WHERE conversation_key = $k", ReadRound, ct, ("$k", conversationKey))).FirstOrDefault();

    public async Task<IReadOnlyList<Round>> GetDueRoundsAsync(DateTimeOffset now, CancellationToken ct) =>
        await QueryAsync($"SELECT {RoundColumns} FROM rounds WHERE status = 0 AND (next_due_at <= $now OR next_board_at <= $now)", ReadRound, ct,
            ("$now", now.ToUnixTimeMilliseconds()));

    // A range on the primary key: the prefix's rows only. Keys are compared as UTF-8 bytes, and the end bound is the prefix
    // with its last character raised by one, so every key that starts with the prefix lies within it.
    public async Task<IReadOnlyList<Round>> GetRoundsAsync(string conversationKeyPrefix, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversationKeyPrefix);
        // An empty prefix is every conversation (the dashboard's home for service-wide admins).
        var range = conversationKeyPrefix.Length == 0 ? "" : "WHERE conversation_key >= $from AND conversation_key < $to ";
        return await QueryAsync($"SELECT {RoundColumns} FROM rounds {range}ORDER BY created_at DESC, conversation_key LIMIT $n",
            ReadRound, ct, ("$from", conversationKeyPrefix), ("$to", conversationKeyPrefix.Length == 0 ? "" : Tables.TableKeys.PrefixEnd(conversationKeyPrefix)), ("$n", limit));
    }

    public async Task<bool> SaveRoundAsync(Round round, long? expectedVersion, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        var ok = await WriteRoundAsync(connection, tx, round, expectedVersion, ct);
        await tx.CommitAsync(ct);
        return ok;
    }

    public async Task<bool> ClaimSlotAsync(Round advanced, long expectedVersion, IReadOnlyList<RoundPost> posts, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        if (!await WriteRoundAsync(connection, tx, advanced, expectedVersion, ct))
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        foreach (var p in posts)
        {
            var inserted = await ExecAsync(connection, tx, """
                INSERT INTO posts (id, conversation_key, bank_id, question_index, question_id, answer, choices, slot_at, closes_at, time_zone, state, claimed_by,
                    lease_until, bank_version)
                VALUES ($id, $conv, $bank, -1, $q, $answer, $choices, $slot, $closes, $tz, 0, $by, $lease, $version) ON CONFLICT DO NOTHING
                """, ct, ("$id", p.Id), ("$version", p.BankVersion), ("$lease", p.LeaseUntil?.ToUnixTimeMilliseconds()), ("$conv", p.ConversationKey), ("$bank", p.BankId),
                ("$q", p.Question.Id), ("$answer", p.Question.Answer), ("$choices", p.Question.Choices),
                ("$slot", p.SlotAt.ToUnixTimeMilliseconds()), ("$closes", p.ClosesAt.ToUnixTimeMilliseconds()), ("$tz", p.TimeZone), ("$by", p.ClaimedBy));
            if (inserted == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task<bool> WriteRoundAsync(SqliteConnection c, SqliteTransaction tx, Round r, long? expectedVersion, CancellationToken ct)
    {
        (string, object?)[] values =
        [
            ("$conv", r.ConversationKey), ("$bank", r.BankId), ("$cron", r.Cron), ("$text", r.ScheduleText), ("$tz", r.TimeZone),
            ("$qpp", r.QuestionsPerPost), ("$window", (long)r.Window.TotalSeconds), ("$repeat", r.Repeat ? 1 : 0), ("$board", r.WeeklyBoard ? 1 : 0),
            ("$status", (int)r.Status), ("$cursor", r.Cursor), ("$due", r.NextDueAt?.ToUnixTimeMilliseconds()),
            ("$boardAt", r.NextBoardAt?.ToUnixTimeMilliseconds()), ("$by", r.CreatedBy), ("$at", r.CreatedAt.ToUnixTimeMilliseconds()),
            ("$version", r.Version), ("$expected", expectedVersion),
        ];
        if (expectedVersion is null)
        {
            return await ExecAsync(c, tx, $"INSERT INTO rounds ({RoundColumns}) VALUES ($conv, $bank, $cron, $text, $tz, $qpp, $window, $repeat, $board, " +
                "$status, $cursor, $due, $boardAt, $by, $at, $version) ON CONFLICT DO NOTHING", ct, values) == 1;
        }
        return await ExecAsync(c, tx, """
            UPDATE rounds SET bank_id = $bank, cron = $cron, schedule_text = $text, time_zone = $tz, questions_per_post = $qpp,
                window_seconds = $window, repeat = $repeat, weekly_board = $board, status = $status, cursor = $cursor,
                next_due_at = $due, next_board_at = $boardAt, created_by = $by, created_at = $at, version = $version
            WHERE conversation_key = $conv AND version = $expected
            """, ct, values) == 1;
    }

    private static Round ReadRound(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), TimeSpan.FromSeconds(r.GetInt64(6)),
        r.GetInt32(7) == 1, r.GetInt32(8) == 1, (RoundStatus)r.GetInt32(9), r.GetInt32(10), Time(r, 11), Time(r, 12), r.GetString(13),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)), r.GetInt64(15));

    private static DateTimeOffset? Time(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        return await QueryAsync(connection, null, sql, read, ct, parameters);
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, SqliteTransaction? tx, string sql, Func<SqliteDataReader, T> read,
        CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
