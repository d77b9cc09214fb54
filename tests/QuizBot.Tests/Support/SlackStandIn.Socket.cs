using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// apps.connections.open: takes the app-level token (not the bot token) and answers the URL of a SlackSocketStandIn.
public sealed partial class SlackStandIn
{
    public const string DefaultAppToken = "xapp-1-A0QUIZBOT-1111-standin";

    private SlackSocketStandIn? _socket;

    // Where apps.connections.open sends the bot from now on.
    public void ServeSocketMode(SlackSocketStandIn socket)
    {
        lock (_lock) { _socket = socket; }
    }

    private JsonObject AppsConnectionsOpen(string? token) =>
        string.IsNullOrEmpty(token) ? Error("not_authed")
        : token != DefaultAppToken ? Error("invalid_auth")
        // Slack's answer when Socket Mode is off for the app.
        : _socket is null ? Error("not_allowed_token_type")
        : Ok(new JsonObject { ["url"] = _socket.NextUrl() });
}
