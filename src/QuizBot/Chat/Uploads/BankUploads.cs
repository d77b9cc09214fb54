using Microsoft.Extensions.Options;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Rounds;

namespace QuizBot.Chat;

// A bank file sent to the bot: checked (where, who, which format, how big) before a byte is downloaded, then imported,
// and answered with what was imported. Every refusal is a sentence and stores nothing.
internal sealed partial class BankUploads(IBankImports imports, Admins admins, IOptions<UploadOptions> options, ILogger<BankUploads> log)
{
    public async Task<ChatReply> OnFileAsync(ChatTurn turn, TurnInput.File input, CancellationToken ct)
    {
        var file = input.Value;
        if (!turn.Personal)
        {
            return ChatReply.Text(UploadWording.OnlyInDirectChat);
        }
        // Banks serve every conversation and workspace, so only the admins named in configuration may replace one: a
        // person granted rounds in one channel, or the admin of one Slack workspace, must not change another's quiz.
        if (!admins.IsListedAdmin(turn.Who))
        {
            return ChatReply.Text(UploadWording.AdminsOnly);
        }
        if (imports.FormatOf(file.Name) is not { } format)
        {
            return ChatReply.Text(UploadWording.UnknownFormat(file.Name));
        }
        var max = options.Value.MaxBytes;
        if (file.Size > max)
        {
            return ChatReply.Text(UploadWording.TooBig(file.Name, max));
        }
        byte[] content;
        try
        {
            content = await file.DownloadAsync(ct);
        }
        catch (FileDownloadException e)
        {
            LogDownloadFailed(log, e);
            return ChatReply.Text(UploadWording.NotDownloaded(file.Name, e.Message));
        }
        try
        {
            var result = await imports.ImportAsync(content, file.Name, format, ct);
            LogImported(log, result.Bank.Id, result.Version, result.Unchanged);
            return ChatReply.Text(UploadWording.Imported(result));
        }
        catch (BankFormatException e)
        {
            return ChatReply.Text(UploadWording.Broken(e));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A bank file could not be downloaded")]
    private static partial void LogDownloadFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bank {Bank} imported in chat as version {Version} (unchanged: {Unchanged})")]
    private static partial void LogImported(ILogger logger, string bank, int version, bool unchanged);
}
