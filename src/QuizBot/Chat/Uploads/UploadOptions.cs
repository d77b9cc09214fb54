using Microsoft.Extensions.Options;
using QuizBot.Quizzes.Banks;

namespace QuizBot.Chat;

// Section "QuizBot:Uploads": bank files sent to the bot in a 1:1 chat.
internal sealed class UploadOptions
{
    public const string Section = "QuizBot:Uploads";

    // Nothing larger than the readers take (BankFiles.MaxBytes) is worth downloading; a lower cap may be set.
    public long MaxBytes { get; set; } = BankFiles.MaxBytes;

    // The whole download, headers and body.
    public int TimeoutSeconds { get; set; } = 30;

    // Teams' download URLs are https; the tests serve files from a loopback http server and turn this on.
    public bool AllowLoopbackHttp { get; set; }
}

internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions o) =>
        o.MaxBytes is < 1 or > BankFiles.MaxBytes
            ? ValidateOptionsResult.Fail($"{UploadOptions.Section}:MaxBytes must be a number of bytes above 0 and at most {BankFiles.MaxBytes} (what the bank readers take).")
            : o.TimeoutSeconds is < 1 or > 300
                ? ValidateOptionsResult.Fail($"{UploadOptions.Section}:TimeoutSeconds must be a number of seconds above 0 and at most 300.")
                : ValidateOptionsResult.Success;
}
