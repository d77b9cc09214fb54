using QuizBot.Chat;
using QuizBot.Quizzes.Rounds;
using QuizBot.Storage;

namespace QuizBot.Dashboard.Rounds;

// pause, resume, cancel: the chat command itself, typed by the viewer. Cancel also wants the form's confirmation, as a
// cancelled round cannot be resumed (only scheduled again).
internal sealed class RoundCommandAction(string name, string command, bool needsConfirmation, RoundCommands rounds) : IDashboardAction
{
    public string Name => name;

    public async Task<string> RunAsync(DashboardRequest request, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (needsConfirmation && form.GetValueOrDefault(RoundsForms.Confirm) != RoundsForms.ConfirmValue)
        {
            return "Nothing was cancelled: tick the box to confirm that the round should stop.";
        }
        var input = ViewerTurns.Command(command);
        var reply = await rounds.OnCommandAsync(ViewerTurns.Turn(request, input), input, null, ct);
        return ViewerTurns.Sentence(reply, "Done.");
    }
}

// post now. The form carries a nonce made when the page was drawn; it becomes the turn's id, so a second submit of the
// same form (a double click, the browser's resend) finds the first one's post, exactly like a channel's redelivery.
internal sealed class PostNowAction(RoundCommands rounds, IRoundStore store) : IDashboardAction
{
    public string Name => RoundsForms.PostNowAction;

    public async Task<string> RunAsync(DashboardRequest request, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (!RoundsForms.IsNonce(form.GetValueOrDefault(RoundsForms.Nonce)))
        {
            return "Nothing was posted: the form is out of date. Reload the page and try again.";
        }
        var turnId = "dashboard:" + form[RoundsForms.Nonce];
        var input = ViewerTurns.Command("post now");
        var reply = await rounds.OnCommandAsync(ViewerTurns.Turn(request, input, turnId), input, null, ct);
        if (reply.Messages.Count > 0)
        {
            return ViewerTurns.Sentence(reply, "Done.");
        }
        // Chat says nothing when the question went out (the card is the answer); the page says how the send went.
        return await store.GetPostAsync(RoundPost.IdForTurn(request.ConversationKey, turnId), ct) switch
        {
            { State: PostState.Failed } => "The next question could not be posted: the conversation did not accept it. It is marked failed.",
            { State: PostState.Claimed } => "The next question is being posted.",
            _ => "Posted the next question.",
        };
    }
}

// The schedule form: its fields are the chat schedule form's, so chat builds the command and its parser judges it; a
// schedule it refuses comes back as its sentence, with nothing changed.
internal sealed class ScheduleAction(RoundCommands rounds) : IDashboardAction
{
    public string Name => RoundsForms.ScheduleAction;

    public async Task<string> RunAsync(DashboardRequest request, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>
        {
            ["when"] = form.GetValueOrDefault(RoundsForms.When, "").Trim(),
            ["tz"] = form.GetValueOrDefault(RoundsForms.TimeZone, "").Trim(),
            ["window"] = form.GetValueOrDefault(RoundsForms.Window, "").Trim(),
            ["questions"] = form.GetValueOrDefault(RoundsForms.Questions, "").Trim(),
            // An unticked box is not sent at all; chat's form always sends true or false.
            ["repeat"] = form.ContainsKey(RoundsForms.Repeat) ? "true" : "false",
            ["weeklyBoard"] = form.ContainsKey(RoundsForms.WeeklyBoard) ? "true" : "false",
            ["bank"] = form.GetValueOrDefault(RoundsForms.Bank, "").Trim(),
        };
        var action = new CardAction.ScheduleForm(fields);
        var reply = await rounds.OnScheduleFormAsync(ViewerTurns.Turn(request, new TurnInput.Action(action)), action, null, ct);
        return ViewerTurns.Sentence(reply, "Done.");
    }
}

// A bank file, imported by the code a file sent to the bot in a 1:1 chat goes through: its formats, size limit, the
// rule that only admins named in configuration import, its refusals and its report. The dashboard is the viewer's own
// page, never a shared conversation, so the turn is a personal one.
internal sealed class ImportBankAction(BankUploads uploads) : IDashboardAction
{
    public string Name => RoundsForms.ImportAction;

    public async Task<string> RunAsync(DashboardRequest request, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (!request.Files.TryGetValue(RoundsForms.BankFile, out var upload) || upload.Content.Length == 0)
        {
            return "Choose a bank file to import. Nothing was imported.";
        }
        var file = new IncomingFile(upload.FileName, upload.Content.Length, _ => Task.FromResult(upload.Content));
        var input = new TurnInput.File(file);
        var reply = await uploads.OnFileAsync(ViewerTurns.Turn(request, input, personal: true), input, ct);
        return ViewerTurns.Sentence(reply, "Done.");
    }
}
