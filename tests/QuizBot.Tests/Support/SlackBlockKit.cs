using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// Slack Web API bodies checked the way Slack's own SDK types them: JSON Schemas generated from @slack/web-api's
// argument types plus the Block Kit limits its doc comments state (tests/js/slack-check.mjs). One Node process
// serves the whole test run, so any test or host (even from its DisposeAsync) can check what it sent; it ends with
// the test run because its stdin closes when the test host exits.
internal static class SlackBlockKit
{
    // A failed start is kept: every later check fails with the same reason instead of starting Node again.
    private static readonly Lazy<Task<Bridge>> Shared = new(() => Task.Run(Bridge.Start));

    // method is chat.postMessage, chat.update, chat.postEphemeral, views.publish, or response_url (the message posted
    // to an interaction's response_url). Answers every problem with the body, each starting with its JSON path
    // ("$.blocks[1].elements[0].text: ..."); empty when the body passes. A request the checker cannot handle at all
    // (unknown method) throws instead.
    public static async Task<IReadOnlyList<string>> CheckAsync(string method, JsonNode body)
    {
        var answer = await (await Shared.Value).AskAsync(new JsonObject { ["op"] = "check", ["method"] = method, ["body"] = body.DeepClone() });
        return [.. answer["errors"]!.AsArray().Select(e => e!.GetValue<string>())];
    }

    // Fails with every problem, naming the method and where the body came from.
    public static async Task AssertValidAsync(string method, JsonNode body, string where)
    {
        var problems = await CheckAsync(method, body);
        Assert.True(problems.Count == 0,
            $"Slack's Web API types or Block Kit limits reject a {method} body ({where}):\n{string.Join("\n", problems)}\n{body.ToJsonString()}");
    }

    // Which @slack/web-api the schemas came from, whether they were generated or read from the cache, and timings.
    public static async Task<JsonNode> InfoAsync() => await (await Shared.Value).AskAsync(new JsonObject { ["op"] = "info" });

    private sealed class Bridge
    {
        // The first answer waits for schema generation on a clean clone (several seconds, more on a busy machine).
        private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(3);

        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly StringBuilder _stderr = new();
        private readonly Process _node;
        private string? _broken;

        private Bridge(Process node) => _node = node;

        public static Bridge Start()
        {
            var tools = Repo.Path("tests", "js");
            foreach (var package in new[] { "@slack/web-api", "ts-json-schema-generator", "ajv" })
            {
                if (!Directory.Exists(Path.Combine(tools, "node_modules", package)))
                {
                    throw new InvalidOperationException($"The npm package {package} is missing in {tools}/node_modules: run `npm ci --prefix tests/js` (test.sh does).");
                }
            }
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = tools,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardInputEncoding = new UTF8Encoding(false),
                UseShellExecute = false,
            };
            start.ArgumentList.Add("slack-check.mjs");
            Process node;
            try
            {
                node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException("Node.js (`node`) is needed for the Slack Block Kit checks and was not found on PATH.", e);
            }
            var bridge = new Bridge(node);
            node.StandardInput.AutoFlush = true;
            node.ErrorDataReceived += (_, e) =>
            {
                lock (bridge._stderr)
                {
                    bridge._stderr.AppendLine(e.Data);
                }
            };
            node.BeginErrorReadLine();
            return bridge;
        }

        public async Task<JsonNode> AskAsync(JsonObject request)
        {
            await _gate.WaitAsync();
            try
            {
                if (_broken is not null)
                {
                    throw new InvalidOperationException(_broken);
                }
                await _node.StandardInput.WriteLineAsync(request.ToJsonString());
                string? line;
                try
                {
                    line = await _node.StandardOutput.ReadLineAsync().WaitAsync(AnswerTimeout);
                }
                catch (TimeoutException)
                {
                    // A late answer would be read as the next request's: this process is done.
                    _node.Kill(entireProcessTree: true);
                    _broken = $"slack-check.mjs gave no answer within {AnswerTimeout.TotalSeconds:0} s: {Stderr()}";
                    throw new InvalidOperationException(_broken);
                }
                if (line is null)
                {
                    _broken = $"slack-check.mjs stopped (exit code {(_node.WaitForExit(2000) ? _node.ExitCode : -1)}): {Stderr()}";
                    throw new InvalidOperationException(_broken);
                }
                var answer = JsonNode.Parse(line)!;
                if (answer["error"] is { } error)
                {
                    throw new InvalidOperationException("slack-check.mjs: " + error.GetValue<string>());
                }
                return answer;
            }
            finally
            {
                _gate.Release();
            }
        }

        private string Stderr()
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }
}
