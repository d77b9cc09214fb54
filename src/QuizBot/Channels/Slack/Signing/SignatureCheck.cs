namespace QuizBot.Channels.Slack;

internal enum SignatureFailure
{
    None,
    NotConfigured,
    MissingHeaders,
    Stale,
    Malformed,
    BadSignature,
}

// The outcome of checking one request; Reason is short and safe to log (it never echoes the signature).
internal readonly record struct SignatureCheck(SignatureFailure Failure, string? Reason)
{
    public static SignatureCheck Valid { get; } = new(SignatureFailure.None, null);

    public bool IsValid => Failure == SignatureFailure.None;

    public static SignatureCheck Fail(SignatureFailure failure, string reason) => new(failure, reason);
}
