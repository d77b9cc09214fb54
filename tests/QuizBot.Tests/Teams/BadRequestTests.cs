using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Teams;

public sealed class BadRequestTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private Activities _teams = null!;

    public Task InitializeAsync()
    {
        _teams = new Activities(_app.Connector.ServiceUrl);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("{ \"type\": \"message\", ", "not valid activity JSON")]
    [InlineData("[1, 2, 3]", "not valid activity JSON")]
    [InlineData("{}", "no type")]
    [InlineData("{ \"type\": \"launch\" }", "Unknown activity type 'launch'")]
    [InlineData("{ \"type\": \"message\", \"text\": \"quiz\" }", "lacks channelId")]
    [InlineData("{ \"type\": \"message\", \"channelId\": \"msteams\", \"conversation\": { \"id\": \"c\" }, \"from\": { \"id\": \"u\" }, \"serviceUrl\": \"file:///etc/passwd\" }", "lacks serviceUrl")]
    [InlineData("{ \"type\": 5 }", "not valid activity JSON")]
    public async Task A_malformed_activity_gets_400_with_a_clear_message_and_nothing_is_sent(string body, string message)
    {
        using var client = _app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.Contains(message, error, StringComparison.Ordinal);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(100));
    }

    // The answer says where the body is wrong, in the caller's terms, not in the parser's (.NET type names).
    [Theory]
    [InlineData("{ \"type\": 5 }", "$.type")]
    [InlineData("{ \"type\": \"message\", \"from\": { \"id\": [1] } }", "$.from.id")]
    public async Task A_wrongly_typed_field_is_named_by_its_path_without_internals(string body, string path)
    {
        using var client = _app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_the_service_keeps_serving()
    {
        var huge = _teams.Message(new string('x', 300_000));

        var response = await _app.PostAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        (await _app.PostAsync(_teams.Message("help"))).EnsureSuccessStatusCode();
        Assert.Contains("quiz", (await _app.Connector.NextAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_400()
    {
        using var client = _app.CreateClient();
        using var content = new StringContent("type=message", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Activity_types_quizbot_does_not_handle_are_acknowledged_without_a_reply()
    {
        var typing = _teams.Message("");
        typing["type"] = "typing";

        var response = await _app.PostAsync(typing);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _app.Connector.ExpectNothingMoreAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task An_invoke_quizbot_does_not_implement_gets_501()
    {
        var invoke = _teams.Invoke(new JsonObject());
        invoke["name"] = "composeExtension/query";

        Assert.Equal(HttpStatusCode.NotImplemented, (await _app.PostAsync(invoke)).StatusCode);
    }

    [Fact]
    public async Task A_submit_with_forged_data_gets_a_polite_reply_and_stores_nothing()
    {
        await _app.PostAsync(_teams.Submit(new JsonObject { ["action"] = "answer", ["s"] = "nope", ["q"] = 0, ["c"] = 0 }));

        Assert.Contains("not yours", (await _app.Connector.NextAsync()).Text, StringComparison.Ordinal);
    }
}
