namespace QuizBot.Channels.Slack;

// A Web API call Slack refused (ok:false) or that never got an answer worth reading. Error is Slack's code
// (channel_not_found, ratelimited, ...) or http_<status> / invalid_response when Slack sent no code.
internal sealed class SlackApiException(string method, string error, int? status = null, TimeSpan? retryAfter = null)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    public int? Status { get; } = status;

    // Set with "ratelimited" when Slack asked for a wait longer than the client was willing to make.
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsConversationGone => SlackWebApi.IsConversationGone(Error);
}
