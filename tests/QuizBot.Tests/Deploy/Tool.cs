using System.Diagnostics;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

public sealed record ToolResult(int ExitCode, string Output, string Errors);

// Runs the deploy scripts as a person would: a child process in the repository root with a clean set of
// the variables the scripts read, so the machine's own settings cannot leak into a test.
internal static class Tool
{
    private static readonly string[] ScriptVariables = ["MicrosoftAppId", "MicrosoftAppTenantId", "MicrosoftAppType", "ASPNETCORE_HTTP_PORTS"];

    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("QUIZBOT_", StringComparison.Ordinal) || ScriptVariables.Contains(k)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Start(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // A bound so a hung tool fails the test instead of the whole run; no speed is asserted.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return new ToolResult(process.ExitCode, await output, await errors);
    }

    // A missing program fails the test with what to do; it never skips it.
    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} could not be started ({e.Message}): install it (README.md, running the tests).", e);
        }
    }
}
