using Microsoft.Extensions.Options;

namespace QuizBot.Chat;

// Section "QuizBot:Uploads": bank files sent to the bot in a 1:1 chat.
internal sealed class UploadOptions
{
    public const string Section = "QuizBot:Uploads";

    // A 5,000-question GIFT file is about 2 MiB; anything far beyond a bank is refused before it is read.
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;

    // The whole download, headers and body.
    public int TimeoutSeconds { get; set; } = 30;

    // Teams' download URLs are https; the tests serve files from a loopback http server and turn this on.
    public bool AllowLoopbackHttp { get; set; }
}

internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions o) =>
        o.MaxBytes is < 1 or > 64 * 1024 * 1024
            ? ValidateOptionsResult.Fail($"{UploadOptions.Section}:MaxBytes must be a number of bytes above 0 and at most 67108864 (64 MiB).")
            : o.TimeoutSeconds is < 1 or > 300
                ? ValidateOptionsResult.Fail($"{UploadOptions.Section}:TimeoutSeconds must be a number of seconds above 0 and at most 300.")
                : ValidateOptionsResult.Success;
}
