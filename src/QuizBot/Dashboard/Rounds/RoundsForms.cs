using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Dashboard.Rounds;

// The admin forms of the rounds page. Every form posts to DashboardPaths.Action(conversation, action) with the request's
// anti-forgery field and a hidden `return` = `rounds`. Actions and their fields:
//   round-pause, round-resume   no fields
//   round-cancel                confirm = "yes" (the checkbox; without it nothing is cancelled)
//   round-post-now              nonce = 32 hex digits drawn with the page; the same nonce posts at most once
//   round-schedule              when ("weekdays 09:00", "cron \"0 9 * * 1-5\""), tz (IANA), window ("8h", "90m"),
//                               questions (1-5), repeat and weeklyBoard (checkboxes: sent = on), bank (a bank id)
//   bank-import                 multipart/form-data with the file in field `bank`
internal static class RoundsForms
{
    public const string PauseAction = "round-pause";
    public const string ResumeAction = "round-resume";
    public const string CancelAction = "round-cancel";
    public const string PostNowAction = "round-post-now";
    public const string ScheduleAction = "round-schedule";
    public const string ImportAction = "bank-import";

    public const string Return = "return";
    public const string Confirm = "confirm";
    public const string ConfirmValue = "yes";
    public const string Nonce = "nonce";
    public const string When = "when";
    public const string TimeZone = "tz";
    public const string Window = "window";
    public const string Questions = "questions";
    public const string Repeat = "repeat";
    public const string WeeklyBoard = "weeklyBoard";
    public const string Bank = "bank";
    public const string BankFile = "bank";

    public static bool IsNonce(string? value) => value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);

    public static string Render(DashboardRequest request, Round? round, IReadOnlyCollection<QuestionBank> banks)
    {
        var html = new StringBuilder("<section aria-labelledby=\"round-actions\"><h2 id=\"round-actions\">Change the round</h2>");
        var running = round is { Status: not RoundStatus.Cancelled };
        if (running)
        {
            html.Append(round!.Status == RoundStatus.Paused
                ? Form(request, ResumeAction, "Resume", "")
                : Form(request, PauseAction, "Pause", ""));
            html.Append(Form(request, PostNowAction, "Post the next question now",
                Hidden(Nonce, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))));
            html.Append(Form(request, CancelAction, "Cancel the round",
                $"<input type=\"checkbox\" id=\"round-cancel-confirm\" name=\"{Confirm}\" value=\"{ConfirmValue}\" required> " +
                "<label for=\"round-cancel-confirm\">Yes, stop posting questions (answers to open questions still count)</label> "));
        }
        html.Append(ScheduleForm(request, running ? round : null, banks));
        html.Append(ImportForm(request));
        return html.Append("</section>").ToString();
    }

    private static string ScheduleForm(DashboardRequest request, Round? round, IReadOnlyCollection<QuestionBank> banks)
    {
        var fields = new StringBuilder("<fieldset><legend>Schedule</legend>");
        fields.Append(Text(When, "When", round?.ScheduleText ?? "", "weekdays 09:00", required: true));
        fields.Append(Text(TimeZone, "Time zone", round?.TimeZone ?? "UTC", "Europe/Berlin"));
        fields.Append(Text(Window, "Answers open for", round is null ? "" : Duration(round.Window), "8h"));
        fields.Append(CultureInfo.InvariantCulture, $"<p><label for=\"round-{Questions}\">Questions per post</label> <input type=\"number\" " +
            $"id=\"round-{Questions}\" name=\"{Questions}\" min=\"1\" max=\"{ScheduleRequest.MaxQuestionsPerPost}\" value=\"{round?.QuestionsPerPost ?? 1}\"></p>");
        fields.Append(Box(Repeat, "Start again from the first question when the bank runs out", round?.Repeat ?? true));
        fields.Append(Box(WeeklyBoard, "Post last week's board on Mondays", round?.WeeklyBoard ?? false));
        fields.Append(CultureInfo.InvariantCulture, $"<p><label for=\"round-{Bank}\">Bank</label> <select id=\"round-{Bank}\" name=\"{Bank}\">");
        foreach (var bank in banks)
        {
            var selected = bank.Id == round?.BankId ? " selected" : "";
            fields.Append(CultureInfo.InvariantCulture,
                $"<option value=\"{Html.E(bank.Id)}\"{selected}>{Html.E(bank.Title)} ({Html.E(bank.Id)})</option>");
        }
        fields.Append("</select></p></fieldset>");
        return Form(request, ScheduleAction, round is null ? "Schedule" : "Reschedule", fields.ToString());
    }

    private static string ImportForm(DashboardRequest request) =>
        Form(request, ImportAction, "Import",
            $"<fieldset><legend>Import a question bank</legend><p><label for=\"bank-file\">Bank file (.json, .gift, .txt, .aiken, .csv, .tsv, .xlsx)</label> " +
            $"<input type=\"file\" id=\"bank-file\" name=\"{BankFile}\" accept=\".json,.gift,.txt,.aiken,.csv,.tsv,.xlsx\" required></p>" +
            "<p>Only admins named in the service's configuration may import; a bank serves every conversation.</p></fieldset>",
            multipart: true);

    private static string Form(DashboardRequest request, string action, string button, string fields, bool multipart = false) =>
        $"<form method=\"post\" action=\"{Html.E(DashboardPaths.Action(request.ConversationKey, action))}\"" +
        $"{(multipart ? " enctype=\"multipart/form-data\"" : "")} class=\"action\">{request.AntiforgeryField}{Hidden(Return, "rounds")}" +
        $"{fields}<button type=\"submit\">{Html.E(button)}</button></form>";

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{Html.E(value)}\">";

    private static string Text(string name, string label, string value, string example, bool required = false) =>
        $"<p><label for=\"round-{name}\">{Html.E(label)}</label> <input type=\"text\" id=\"round-{name}\" name=\"{name}\" " +
        $"value=\"{Html.E(value)}\" placeholder=\"{Html.E(example)}\"{(required ? " required" : "")}></p>";

    private static string Box(string name, string label, bool on) =>
        $"<p><input type=\"checkbox\" id=\"round-{name}\" name=\"{name}\" value=\"true\"{(on ? " checked" : "")}> " +
        $"<label for=\"round-{name}\">{Html.E(label)}</label></p>";

    // The window as the schedule parser reads it back (1d2h30m), so an unchanged form keeps the round's window.
    private static string Duration(TimeSpan t) =>
        (t.Days > 0 ? $"{t.Days}d" : "") + (t.Hours > 0 ? $"{t.Hours}h" : "") + (t.Minutes > 0 || t < TimeSpan.FromMinutes(1) ? $"{t.Minutes}m" : "");
}
