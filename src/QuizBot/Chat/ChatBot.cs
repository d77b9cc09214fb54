using QuizBot.Quizzes;

namespace QuizBot.Chat;

// One turn in, one reply out, for every channel: the commands people type and the buttons they click.
internal sealed class ChatBot(
    SelfPacedQuizzes quizzes, RoundCommands rounds, ReviewCommands reviews, DisputeCommands disputes, BankUploads uploads,
    DashboardCommands dashboard)
{
    // address: the channel's own text for where this conversation lives, written only for the turns that keep it (an
    // answer click, most of a burst's traffic, does not).
    public Task<ChatReply> HandleAsync(ChatTurn turn, Func<string> address, CancellationToken ct) =>
        HandleAsync(turn, KeepsAddress(turn.Input) ? address() : null, ct);

    // Commands (an admin's schedule or post now, a dashboard link) and the schedule and report forms remember where the
    // conversation lives; nothing else reads it.
    private static bool KeepsAddress(TurnInput input) =>
        input is TurnInput.Command or TurnInput.Action { Value: CardAction.ScheduleForm or CardAction.Report };

    // address: the channel's own text for where this conversation lives, kept when an admin schedules or posts.
    public Task<ChatReply> HandleAsync(ChatTurn turn, string? address, CancellationToken ct) => turn.Input switch
    {
        TurnInput.Command command => OnCommandAsync(turn, command, address, ct),
        TurnInput.Action { Value: var action } => OnActionAsync(turn, action, address, ct),
        TurnInput.File file => uploads.OnFileAsync(turn, file, ct),
        _ => throw new InvalidOperationException(),
    };

    private async Task<ChatReply> OnCommandAsync(ChatTurn turn, TurnInput.Command command, string? address, CancellationToken ct) =>
        command.Text.Verb switch
        {
            "quiz" or "start" => await StartAsync(turn, command.Text.Argument, Audience.Everyone, ct),
            "review" => await reviews.OnCommandAsync(turn, ct),
            var verb when RoundCommands.Handles(verb) => await rounds.OnCommandAsync(turn, command, address, ct),
            var verb when DisputeCommands.Handles(verb) => await disputes.ListAsync(turn, ct),
            var verb when DashboardCommands.Handles(verb) => await dashboard.OnCommandAsync(turn, command, address, ct),
            "help" or "hi" or "hello" => ChatReply.Text(HelpText.Markdown),
            _ => ChatReply.Text(HelpText.Hint),
        };

    private async Task<ChatReply> OnActionAsync(ChatTurn turn, CardAction action, string? address, CancellationToken ct) => action switch
    {
        // A start button replaces the card it sits on (the welcome or the bank choice) with the first question.
        CardAction.Start start => await StartAsync(turn, start.Bank, Audience.InPlace, ct),
        CardAction.ScheduleForm form => await rounds.OnScheduleFormAsync(turn, form, address, ct),
        CardAction.RoundView view => await rounds.ViewAsync(turn, view, ct),
        CardAction.RoundAnswer answer => await rounds.AnswerAsync(turn, answer, ct),
        CardAction.Answer answer => await AnswerAsync(turn, answer, ct),
        CardAction.Recall recall => await reviews.AnswerAsync(turn, recall, ct),
        CardAction.Report report => await disputes.ReportAsync(turn, report, address, ct),
        CardAction.Dispute dispute => await disputes.DecideAsync(turn, dispute, ct),
        _ => throw new InvalidOperationException(),
    };

    private async Task<ChatReply> StartAsync(ChatTurn turn, string? bank, Audience audience, CancellationToken ct) =>
        await quizzes.StartAsync(turn.Who, turn.ConversationKey, bank, ct) switch
        {
            StartOutcome.Ask { Resumed: true } ask => new ChatReply([
                new ChatMessage(new ChatView.Text(Wording.WelcomeBack), audience == Audience.InPlace ? Audience.Clicker : audience),
                new ChatMessage(new ChatView.Question(ask.Question), audience)]),
            StartOutcome.Ask ask => ChatReply.To(audience, new ChatView.Question(ask.Question)),
            StartOutcome.ChooseBank choose => ChatReply.To(audience, new ChatView.ChooseBank(choose.Banks, Wording.ChooseBankPrompt)),
            StartOutcome.UnknownBank unknown => ChatReply.To(audience, new ChatView.ChooseBank(unknown.Banks, Wording.UnknownBank(unknown.Name))),
            StartOutcome.NoBanks => ChatReply.To(audience, new ChatView.Text(Wording.NoBanks)),
            _ => throw new InvalidOperationException(),
        };

    // Self-paced: the result replaces the clicked question for the person; the next question (or the review) follows.
    private async Task<ChatReply> AnswerAsync(ChatTurn turn, CardAction.Answer answer, CancellationToken ct) =>
        await quizzes.AnswerAsync(turn.Who, answer.SessionId, answer.Question, answer.Choice, ct) switch
        {
            AnswerOutcome.Accepted ok => new ChatReply([
                new ChatMessage(new ChatView.Result(ok.Result), Audience.InPlace),
                new ChatMessage(ok.Next is { } next ? new ChatView.Question(next) : new ChatView.Review(ok.Review!), Audience.Everyone)]),
            AnswerOutcome.AlreadyAnswered again => ChatReply.To(Audience.InPlace, new ChatView.Result(again.Result)),
            AnswerOutcome.Rejected no => ChatReply.Refuse(no.Reason),
            _ => throw new InvalidOperationException(),
        };
}
