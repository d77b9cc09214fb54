using System.Text.Json.Nodes;
using QuizBot.Quizzes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Playground;

// A real client: Microsoft 365 Agents Playground (channel msteams) against the bot on a real port, driven by
// headless Chromium clicking the rendered Adaptive Cards. Nothing here is faked.
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class PlaygroundQuizTests
{
    private static readonly QuestionBank Seed = BankLoader.Load(Repo.Path("banks", "model-compression.json"));

    [Fact]
    public async Task A_person_takes_the_seed_quiz_in_agents_playground_and_sees_each_result_and_the_review()
    {
        // The browser is the machine's (Debian's chromium, which test.sh installs), never one the test downloads.
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is needed at {chromium} for this test: install Debian's chromium (./test.sh does, " +
            "or apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.");
        var botPort = ChildProcess.FreePort();
        await using var bot = new BotApp();
        bot.UseKestrel(botPort);
        bot.StartServer();

        using var logs = new TempDir();
        var playgroundPort = ChildProcess.FreePort();
        await using var playground = ChildProcess.Start("node",
            [Repo.Path("tests", "js", "node_modules", "@microsoft", "m365agentsplayground", "cli.js"),
             "--app-endpoint", $"http://127.0.0.1:{botPort}/api/messages", "-c", "msteams", "--disable-telemetry", "-p", playgroundPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                // No desktop browser here: without this it tries xdg-open and exits.
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = logs.File("playground.log"),
            },
            workingDirectory: logs.Path);
        await playground.WaitForLineAsync(l => l.Contains("Listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        await using var driver = ChildProcess.Start("node",
            [Repo.Path("tests", "js", "playground-quiz.mjs"), $"http://127.0.0.1:{playgroundPort}/", Repo.Path("banks", "model-compression.json"), "3",
             // Set QUIZBOT_SCREENSHOTS to a folder to see what the browser saw.
             Environment.GetEnvironmentVariable("QUIZBOT_SCREENSHOTS") ?? ""]);
        var exit = await driver.WaitForExitAsync(TimeSpan.FromMinutes(3));

        var steps = driver.Lines.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        var done = steps.LastOrDefault(s => s["done"] is not null);
        Assert.True(exit == 0 && done?["done"]!.GetValue<bool>() == true, driver.Output);
        var answered = steps.Where(s => s["step"]?.GetValue<string>() == "answered").ToList();
        Assert.Equal(10, answered.Count);
        for (var i = 0; i < 10; i++)
        {
            var shown = answered[i]["shown"]!.GetValue<string>();
            Assert.Contains(i == 2 ? "Not quite" : "Correct", shown, StringComparison.Ordinal);
            Assert.Contains(Seed.Questions[i].AnswerText, shown, StringComparison.Ordinal);
        }
        var review = done!["review"]!.GetValue<string>();
        Assert.Contains("9/10", review, StringComparison.Ordinal);
        Assert.Contains(Seed.Questions[9].Text, review, StringComparison.Ordinal);
    }
}
