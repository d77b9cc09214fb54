using System.Text.RegularExpressions;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

public sealed partial class DockerImageTests
{
    [Fact]
    [Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
    public async Task Health_check_passes_against_the_running_service_and_fails_when_nothing_answers()
    {
        using var dir = new TempDir();
        var service = ChildProcess.Start("dotnet", [Repo.Path("src", "QuizBot", "bin", "Release", "net10.0", "QuizBot.dll")], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__Sqlite__Path"] = dir.File("quizbot.db"),
        }, dir.Path);
        ToolResult healthy;
        string port;
        await using (service)
        {
            // A bound so a service that never starts fails the test instead of hanging it; no speed is asserted.
            var listening = await service.WaitForLineAsync(l => ListeningOn().IsMatch(l), TimeSpan.FromMinutes(1));
            port = ListeningOn().Match(listening).Groups[1].Value;
            // ASPNETCORE_HTTP_PORTS may list several ports: the script must ask the first.
            healthy = await HealthCheckAsync($"{port};1");
        }
        var down = await HealthCheckAsync(port);

        Assert.True(healthy.ExitCode == 0, healthy.Errors);
        Assert.NotEqual(0, down.ExitCode);
    }

    [Fact]
    public void Runtime_image_runs_the_service_as_a_non_root_user_on_port_8080_with_the_health_check()
    {
        var lines = File.ReadAllLines(Repo.Path("deploy", "Dockerfile"));
        var runtime = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal)).ToList();

        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains("ENV ASPNETCORE_HTTP_PORTS=8080", runtime);
        Assert.Contains("USER $APP_UID", runtime);
        Assert.Contains(runtime, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.EndsWith("CMD [\"quizbot-healthcheck\"]", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Contains("deploy/healthcheck.sh /usr/local/bin/quizbot-healthcheck", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"QuizBot.dll\"]", runtime[^1]);
    }

    [Fact]
    public void Docker_context_keeps_the_cards_banks_and_health_check_the_image_needs()
    {
        var ignored = File.ReadAllLines(Repo.Path(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.DoesNotContain(ignored, l => l.TrimEnd('/') is "cards" or "banks" or "deploy" or "src" or "deploy/healthcheck.sh");
        Assert.Contains("tests/", ignored);
        Assert.Contains("**/bin/", ignored);
    }

    private static Task<ToolResult> HealthCheckAsync(string ports) =>
        Tool.RunAsync("bash", [Repo.Path("deploy", "healthcheck.sh")], new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = ports });

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
