using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

[CollectionDefinition("node-cards")]
public sealed class NodeCardsCollection : ICollectionFixture<NodeCards>;

// The official Adaptive Cards parser and templating engine (npm adaptivecards, adaptivecards-templating), kept
// running in one Node process for the whole collection and spoken to line by line (tests/js/card-check.mjs).
public sealed class NodeCards : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private Process _node = null!;

    public Task InitializeAsync()
    {
        var tools = Repo.Path("tests", "js");
        foreach (var package in new[] { "adaptivecards", "adaptivecards-templating", "markdown-it" })
        {
            if (!Directory.Exists(Path.Combine(tools, "node_modules", package)))
            {
                throw new InvalidOperationException($"The npm package {package} is missing in {tools}/node_modules: run `npm ci --prefix tests/js` (test.sh does).");
            }
        }
        var start = new ProcessStartInfo("node", "card-check.mjs")
        {
            WorkingDirectory = tools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        try
        {
            _node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (`node`) is needed for the card checks and was not found on PATH.", e);
        }
        _node.StandardInput.AutoFlush = true;
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _node.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _node.StandardInput.Close();
        if (!_node.WaitForExit(5000))
        {
            _node.Kill();
        }
        _node.Dispose();
        _gate.Dispose();
        await Task.CompletedTask;
    }

    // Every problem the official renderer reports for the card: parse errors, then validation warnings.
    public async Task<IReadOnlyList<string>> ParseAsync(JsonNode card)
    {
        var answer = await AskAsync(new JsonObject { ["op"] = "parse", ["card"] = card.DeepClone() });
        return [.. answer["errors"]!.AsArray().Select(e => "error: " + e!.GetValue<string>()),
            .. answer["warnings"]!.AsArray().Select(w => "warning: " + w!.GetValue<string>())];
    }

    // The official engine's expansion of the template with the data as $root.
    public async Task<JsonNode> ExpandAsync(JsonNode template, JsonNode data)
    {
        var answer = await AskAsync(new JsonObject { ["op"] = "expand", ["template"] = template.DeepClone(), ["data"] = data.DeepClone() });
        return answer["card"]!;
    }

    // A TextBlock's markdown as HTML, by markdown-it: what an Adaptive Cards web host shows for it.
    public async Task<string> MarkdownAsync(string text)
    {
        var answer = await AskAsync(new JsonObject { ["op"] = "markdown", ["text"] = text });
        return answer["html"]!.GetValue<string>();
    }

    private async Task<JsonNode> AskAsync(JsonObject request)
    {
        await _gate.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(request.ToJsonString());
            var line = await _node.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                string stderr;
                lock (_stderr)
                {
                    stderr = _stderr.ToString();
                }
                throw new InvalidOperationException($"card-check.mjs stopped (exit code {(_node.HasExited ? _node.ExitCode : -1)}): {stderr}");
            }
            var answer = JsonNode.Parse(line)!;
            if (answer["error"] is { } error)
            {
                throw new InvalidOperationException("card-check.mjs: " + error.GetValue<string>());
            }
            return answer;
        }
        finally
        {
            _gate.Release();
        }
    }
}

// One official parser process for checks outside the "node-cards" collection (every card the end-to-end tests see).
// It ends with the test run: its stdin closes when the test host exits.
public static class OfficialCards
{
    private static readonly Lazy<Task<NodeCards>> Instance = new(async () =>
    {
        var cards = new NodeCards();
        await cards.InitializeAsync();
        return cards;
    });

    // Fails with every problem the official parser reports, naming where the card came from.
    public static async Task AssertValidAsync(JsonNode card, string source)
    {
        var problems = await (await Instance.Value).ParseAsync(card);
        Assert.True(problems.Count == 0, $"The official Adaptive Cards parser rejects a card ({source}):\n{string.Join("\n", problems)}\n{card.ToJsonString()}");
    }
}
