using System.Globalization;
using Cronos;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Rounds;

// Admins' commands on a conversation's round. Every change answers with when the next post will happen.
internal sealed class RoundAdmin(IRoundStore rounds, IConversationStore conversations, BankCatalog banks, Admins admins, TimeProvider time)
{
    public async Task<string> ScheduleAsync(Participant who, string conversationKey, string arguments, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var request = ScheduleParser.Parse(arguments, banks, now);
        return await ScheduleAsync(who, conversationKey, request, ct);
    }

    public async Task<string> ScheduleAsync(Participant who, string conversationKey, ScheduleRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var existing = await rounds.GetRoundAsync(conversationKey, ct);
        var round = new Round(conversationKey, request.Bank.Id, request.Cron, request.ScheduleText, request.Zone.Id, request.QuestionsPerPost,
            request.Window, request.Repeat, request.WeeklyBoard, RoundStatus.Active,
            Cursor: existing?.BankId == request.Bank.Id ? existing.Cursor : 0,
            request.Expression.GetNextOccurrence(now, request.Zone),
            request.WeeklyBoard ? Periods.NextWeekStart(now, request.Zone) : null,
            who.Key, now, (existing?.Version ?? 0) + 1);
        if (!await rounds.SaveRoundAsync(round, existing?.Version, ct))
        {
            throw new ScheduleException("Someone changed this conversation's round at the same moment; please try again.");
        }
        var verb = existing is null || existing.Status == RoundStatus.Cancelled ? "Scheduled" : "Rescheduled";
        return $"{verb}: {Describe(round, request.Bank)}";
    }

    public async Task<string> DescribeAsync(string conversationKey, CancellationToken ct)
    {
        var round = await rounds.GetRoundAsync(conversationKey, ct);
        if (round is null || round.Status == RoundStatus.Cancelled)
        {
            return "No round is scheduled here. An admin can start one with `schedule daily 09:00 Europe/Berlin`.";
        }
        return $"{(round.Status == RoundStatus.Paused ? "Paused" : "Active")}: {Describe(round, banks.Get(round.BankId))}";
    }

    public Task<string> PauseAsync(string conversationKey, CancellationToken ct) =>
        ChangeAsync(conversationKey, r => r.Status == RoundStatus.Active ? r with { Status = RoundStatus.Paused } : null,
            r => $"Paused. No questions will be posted until an admin types `resume`. ({Markup.Plain(r.ScheduleText)}, {r.TimeZone})", "The round is not running.", ct);

    public Task<string> ResumeAsync(string conversationKey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return ChangeAsync(conversationKey, r => r.Status == RoundStatus.Paused
                ? r with { Status = RoundStatus.Active, NextDueAt = Next(r, now) }
                : null,
            r => $"Resumed: {Describe(r, banks.Get(r.BankId))}", "The round is not paused.", ct);
    }

    public Task<string> CancelAsync(string conversationKey, CancellationToken ct) =>
        ChangeAsync(conversationKey, r => r.Status != RoundStatus.Cancelled ? r with { Status = RoundStatus.Cancelled, NextDueAt = null } : null,
            _ => "Cancelled. Questions already posted stay open until their window ends; the leaderboard is kept.", "There is no round to cancel.", ct);

    public async Task<bool> IsAdminAsync(Participant who, string conversationKey, CancellationToken ct) =>
        await admins.IsAdminAsync(who, conversationKey, ct);

    public async Task<string> GrantAsync(string conversationKey, Participant person, bool admin, CancellationToken ct)
    {
        var changed = await conversations.SetAdminAsync(conversationKey, person.Key, admin, ct);
        return (admin, changed) switch
        {
            (true, true) => $"{Markup.Plain(person.Name)} is now a QuizBot admin in this conversation.",
            (true, false) => $"{Markup.Plain(person.Name)} was already a QuizBot admin here.",
            (false, true) => $"{Markup.Plain(person.Name)} is no longer a QuizBot admin here.",
            _ => $"{Markup.Plain(person.Name)} was not a QuizBot admin here (admins listed in configuration stay admins).",
        };
    }

    private async Task<string> ChangeAsync(string conversationKey, Func<Round, Round?> change, Func<Round, string> done, string notApplicable, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var round = await rounds.GetRoundAsync(conversationKey, ct);
            if (round is null)
            {
                return "No round is scheduled here. An admin can start one with `schedule daily 09:00 Europe/Berlin`.";
            }
            var changed = change(round);
            if (changed is null)
            {
                return notApplicable;
            }
            changed = changed with { Version = round.Version + 1 };
            if (await rounds.SaveRoundAsync(changed, round.Version, ct))
            {
                return done(changed);
            }
        }
        throw new ScheduleException("The round kept changing under me; please try again.");
    }

    internal static DateTimeOffset? Next(Round r, DateTimeOffset after) =>
        CronExpression.Parse(r.Cron, CronFormat.Standard).GetNextOccurrence(after, TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone));

    internal static string Describe(Round r, QuestionBank? bank)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
        var next = r.Status != RoundStatus.Active ? "none while paused"
            : r.NextDueAt is { } at ? FormatLocal(at, zone) : "none (every question has been posted)";
        var questions = r.QuestionsPerPost == 1 ? "1 question" : $"{r.QuestionsPerPost} questions";
        return $"{Markup.Plain(r.ScheduleText)} ({r.TimeZone}), bank {Markup.Emphasis(Markup.Plain(bank?.Title ?? r.BankId))}, {questions} per post, answers open for " +
            $"{ScheduleParser.Describe(r.Window)}{(r.Repeat ? "" : ", no repeats")}{(r.WeeklyBoard ? ", weekly board on Mondays" : "")}. " +
            $"Next post: {next}.";
    }

    internal static string FormatLocal(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
}
