using QuizBot.Channels.Slack;
using QuizBot.Channels.Teams;
using QuizBot.Channels.Teams.Auth;
using QuizBot.Chat;
using QuizBot.Dashboard;
using QuizBot.Dashboard.Charts;
using QuizBot.Dashboard.Entra;
using QuizBot.Dashboard.Rounds;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Scheduling;
using QuizBot.Storage;
using QuizBot.Telemetry;

// `banks import|list|export`: the admin's command line on the configured store; the service does not start.
var commandLine = BankCommandLine.Matches(args);
// Configuration is read once, at start (restart to apply a change). Reloading on change would watch the content root
// and everything under it, data/ included, so every write SQLite makes to its files would wake the watcher.
string[] settled = ["--hostBuilder:reloadConfigOnChange=false"];
var builder = WebApplication.CreateBuilder(commandLine ? settled : [.. settled, .. args]);

// Traces and metrics over OTLP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
builder.Services.AddQuizBotTelemetry(builder.Configuration);
// SQLite by default so the bot runs with zero configuration. First: its start-up runs before the banks are seeded into it.
builder.Services.AddQuizStore();
// Banks, self-paced quizzes, rounds and the clock they run on.
builder.Services.AddQuizEngine();
// Readiness checks the store: an instance whose store does not answer should get no traffic.
builder.Services.AddStoreReadiness();
// The channel-neutral layer: commands and card actions in, replies out, round publishing for every channel.
builder.Services.AddChat();
// Posts, closes and refreshes rounds on its own.
builder.Services.AddRoundScheduler();
// Bot Framework tokens: checked on the way in, attached on the way out; refuses to start half-configured.
builder.Services.AddBotAuthentication(builder.Configuration);
// The Bot Framework channel: activities in, Adaptive Cards and Bot Connector calls out.
builder.Services.AddTeamsBot();
// Native Slack: signed requests in, Block Kit and Web API calls out; its endpoints stay off until it is configured.
builder.Services.AddSlackBot();
// The web dashboard: one-time links from chat, sessions, boards and history, admin actions behind anti-forgery.
builder.Services.AddDashboard();
// Its participation and questions pages: SVG charts drawn on the server, each with its table.
builder.Services.AddDashboardCharts();
// Its rounds page and admin actions, which run the chat's own round commands.
builder.Services.AddDashboardRounds();
// Optional Entra ID sign-in and the Teams tab's single sign-on for the dashboard; off without a client id.
builder.Services.AddDashboardEntra();

var app = builder.Build();

if (commandLine)
{
    return await BankCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
}

// Liveness for load balancers and the test harness: the process serves HTTP, whatever the store does.
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
// Readiness: 503 while the store does not answer.
app.MapReadiness();
// Teams, Web Chat, the Emulator and Agents Playground all post here.
app.MapBotMessages();
// Slack's Events API, interactivity and slash command request URLs.
app.MapSlack();
// The dashboard's pages, sign-in, actions and CSV exports under /dashboard.
app.MapDashboard();
// The dashboard's Entra ID sign-in and Teams tab endpoints (only when configured).
app.MapDashboardEntra();

await app.RunAsync();
return 0;

public partial class Program;
