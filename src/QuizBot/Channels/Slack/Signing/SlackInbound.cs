namespace QuizBot.Channels.Slack;

// A request that Slack signed, with its raw body, ready to be parsed. RetryNum > 0 marks a redelivery: Slack got no
// 2xx within 3 s the first time (RetryReason says why, e.g. http_timeout), so the work may already have been done.
internal sealed record SlackInbound(byte[] Body, string? ContentType, int RetryNum, string? RetryReason)
{
    public const string RetryNumHeader = "X-Slack-Retry-Num";
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";

    public bool IsRetry => RetryNum > 0;
}

// Either a verified request or the answer to give instead (401, 408, 413), with a reason for the log.
internal sealed record SlackReadResult(SlackInbound? Request, IResult? Failure, string? Reason)
{
    public static SlackReadResult Refuse(IResult answer, string reason) => new(null, answer, reason);
}
