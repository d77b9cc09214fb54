namespace QuizBot.Channels.Slack;

// What the outbound handlers need to know about a Web API request that its URL does not say. SlackWebApi sets them;
// a request without Method (a response_url post) passes the rate limiter untouched.
internal static class SlackRequestOptions
{
    public static readonly HttpRequestOptionsKey<string?> Team = new("QuizBot.Slack.Team");

    public static readonly HttpRequestOptionsKey<string?> Method = new("QuizBot.Slack.Method");

    public static readonly HttpRequestOptionsKey<string?> Channel = new("QuizBot.Slack.Channel");
}
