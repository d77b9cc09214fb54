using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Storage;

// Liveness says the process serves HTTP; readiness says it can do its work, which needs the store.
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_is_200_ready_when_the_store_answers()
    {
        await using var app = new BotApp();
        using var client = app.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ReadAsync(ready))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readiness_is_503_while_the_store_cannot_be_opened_and_liveness_stays_200()
    {
        await using var app = new BotApp();
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).EnsureSuccessStatusCode();

        // The database's folder goes away (a lost volume): new connections cannot open the file.
        Directory.Delete(app.DataDir, recursive: true);
        SqliteConnection.ClearAllPools();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unavailable", (await ReadAsync(ready))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
