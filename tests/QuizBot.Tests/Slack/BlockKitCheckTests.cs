using System.Text.Json.Nodes;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

// The checker every Slack body the bot sends will go through: schemas generated from Slack's official SDK types plus
// the Block Kit limits. Each rejection is pinned to its path and its problem, so a checker that lets it through, or
// rejects it for another reason, fails here.
[Trait("Category", "External")]
public sealed class BlockKitCheckTests
{
    // A quiz question as the Slack adapter will post it: the question, four answer buttons, a footer line.
    private static JsonObject QuestionMessage() => (JsonObject)JsonNode.Parse("""
        {
          "channel": "C0123456789",
          "text": "Question 3 of 10: Which technique removes whole attention heads?",
          "blocks": [
            {
              "type": "section",
              "block_id": "question",
              "text": { "type": "mrkdwn", "text": "*Question 3 of 10*\nWhich technique removes whole attention heads?" }
            },
            {
              "type": "actions",
              "block_id": "answers",
              "elements": [
                { "type": "button", "action_id": "answer_0", "text": { "type": "plain_text", "text": "Quantisation" }, "value": "{\"q\":\"s1:3\",\"a\":0}" },
                { "type": "button", "action_id": "answer_1", "text": { "type": "plain_text", "text": "Structured pruning" }, "value": "{\"q\":\"s1:3\",\"a\":1}" },
                { "type": "button", "action_id": "answer_2", "text": { "type": "plain_text", "text": "Distillation" }, "value": "{\"q\":\"s1:3\",\"a\":2}" },
                { "type": "button", "action_id": "answer_3", "text": { "type": "plain_text", "text": "Low-rank factorisation" }, "value": "{\"q\":\"s1:3\",\"a\":3}" }
              ]
            },
            {
              "type": "context",
              "elements": [ { "type": "mrkdwn", "text": "Model compression quiz · answers stay private" } ]
            }
          ]
        }
        """)!;

    private static JsonNode Button(JsonObject message, int index) => message["blocks"]![1]!["elements"]![index]!;

    private static JsonObject Section(int i) => new()
    {
        ["type"] = "section",
        ["block_id"] = $"line_{i}",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"Question {i}: answered" },
    };

    private static JsonObject HomeView(int blocks) => new()
    {
        ["user_id"] = "U0123456789",
        ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray([.. Enumerable.Range(0, blocks).Select(i => (JsonNode)Section(i))]) },
    };

    // The body must fail with exactly one problem, at that path, saying that.
    private static async Task AssertSingleProblemAsync(string method, JsonNode body, string path, string says)
    {
        var problems = await SlackBlockKit.CheckAsync(method, body);
        var problem = Assert.Single(problems);
        Assert.StartsWith(path + ": ", problem, StringComparison.Ordinal);
        Assert.Contains(says, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_realistic_quiz_question_passes_chat_postMessage() =>
        Assert.Empty(await SlackBlockKit.CheckAsync("chat.postMessage", QuestionMessage()));

    [Theory]
    [InlineData("chat.update")]
    [InlineData("chat.postEphemeral")]
    [InlineData("response_url")]
    public async Task The_question_blocks_pass_the_other_message_methods(string method)
    {
        var body = QuestionMessage();
        switch (method)
        {
            case "chat.update":
                body["ts"] = "1732700000.000100";
                break;
            case "chat.postEphemeral":
                body["user"] = "U0123456789";
                break;
            case "response_url":
                body.Remove("channel");
                body["response_type"] = "ephemeral";
                body["replace_original"] = false;
                break;
        }

        Assert.Empty(await SlackBlockKit.CheckAsync(method, body));
    }

    [Fact]
    public async Task A_misspelt_block_type_fails()
    {
        var body = QuestionMessage();
        body["blocks"]![0]!["type"] = "secton";

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[0].type", "\"secton\" is not one of \"actions\"");
    }

    [Fact]
    public async Task A_bare_block_of_unknown_type_fails_although_the_SDK_types_allow_any_type_string()
    {
        var body = QuestionMessage();
        body["blocks"]!.AsArray().Add(new JsonObject { ["type"] = "dividr" });

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[3].type", "\"dividr\" is not one of");
    }

    [Fact]
    public async Task An_unknown_block_property_fails()
    {
        var body = QuestionMessage();
        body["blocks"]![0]!["wrap"] = true;

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[0].wrap", "unknown property");
    }

    [Fact]
    public async Task A_button_whose_text_is_a_bare_string_fails()
    {
        var body = QuestionMessage();
        Button(body, 1)["text"] = "Structured pruning";

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[1].elements[1].text", "must be object, not \"Structured pruning\"");
    }

    [Fact]
    public async Task Markdown_as_the_type_of_a_section_text_fails()
    {
        var body = QuestionMessage();
        body["blocks"]![0]!["text"]!["type"] = "markdown";

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[0].text.type", "\"markdown\" is not one of \"plain_text\", \"mrkdwn\"");
    }

    [Fact]
    public async Task Fifty_blocks_pass_and_fifty_one_fail()
    {
        var body = QuestionMessage();
        body["blocks"] = new JsonArray([.. Enumerable.Range(0, 50).Select(i => (JsonNode)Section(i))]);
        Assert.Empty(await SlackBlockKit.CheckAsync("chat.postMessage", body));

        body["blocks"]!.AsArray().Add(Section(50));

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks", "51 blocks, at most 50");
    }

    [Fact]
    public async Task A_75_character_button_label_passes_and_76_fail()
    {
        var body = QuestionMessage();
        Button(body, 2)["text"]!["text"] = new string('x', 75);
        Assert.Empty(await SlackBlockKit.CheckAsync("chat.postMessage", body));

        Button(body, 2)["text"]!["text"] = new string('x', 76);

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[1].elements[2].text.text", "button text is 76 characters, at most 75");
    }

    [Fact]
    public async Task A_2001_character_button_value_fails()
    {
        var body = QuestionMessage();
        Button(body, 0)["value"] = new string('v', 2001);

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[1].elements[0].value", "button value is 2001 characters, at most 2000");
    }

    [Fact]
    public async Task A_256_character_action_id_fails()
    {
        var body = QuestionMessage();
        Button(body, 3)["action_id"] = new string('a', 256);

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[1].elements[3].action_id", "action_id is 256 characters, at most 255");
    }

    [Fact]
    public async Task Two_buttons_with_one_action_id_in_a_block_fail()
    {
        var body = QuestionMessage();
        Button(body, 1)["action_id"] = "answer_0";

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[1].elements[1].action_id", "\"answer_0\" repeats $.blocks[1].elements[0].action_id");
    }

    [Theory]
    [InlineData("chat.postMessage", null)]
    [InlineData("chat.postMessage", " ")]
    [InlineData("chat.update", null)]
    [InlineData("chat.postEphemeral", "")]
    [InlineData("response_url", null)]
    public async Task Blocks_without_fallback_text_fail(string method, string? text)
    {
        var body = QuestionMessage();
        body["text"] = text;
        if (text is null)
        {
            body.Remove("text");
        }
        switch (method)
        {
            case "chat.update":
                body["ts"] = "1732700000.000100";
                break;
            case "chat.postEphemeral":
                body["user"] = "U0123456789";
                break;
            case "response_url":
                body.Remove("channel");
                break;
        }

        await AssertSingleProblemAsync(method, body, "$.text", "must be present and non-empty when blocks are sent");
    }

    [Fact]
    public async Task Twenty_six_elements_in_an_actions_block_fail()
    {
        var body = QuestionMessage();
        body["blocks"]![1]!["elements"] = new JsonArray([.. Enumerable.Range(0, 26).Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = $"answer_{i}",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = $"Answer {i}" },
            ["value"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })]);

        await AssertSingleProblemAsync("chat.postMessage", body, "$.blocks[1].elements", "26 elements in an actions block, at most 25");
    }

    [Fact]
    public async Task A_home_view_with_60_blocks_passes()
    {
        Assert.Empty(await SlackBlockKit.CheckAsync("views.publish", HomeView(60)));
    }

    [Fact]
    public async Task A_home_view_with_101_blocks_fails()
    {
        await AssertSingleProblemAsync("views.publish", HomeView(101), "$.view.blocks", "101 blocks, at most 100");
    }

    [Fact]
    public async Task A_misspelt_response_type_fails_a_response_url_message()
    {
        var body = QuestionMessage();
        body.Remove("channel");
        body["response_type"] = "ephemral";

        await AssertSingleProblemAsync("response_url", body, "$.response_type", "\"ephemral\" is not one of \"in_channel\", \"ephemeral\"");
    }

    [Fact]
    public async Task AssertValidAsync_fails_naming_the_method_the_source_and_the_problem()
    {
        var body = QuestionMessage();
        Button(body, 0)["text"] = "Quantisation";

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => SlackBlockKit.AssertValidAsync("chat.postMessage", body, "round question to C0123456789"));

        Assert.Contains("chat.postMessage body (round question to C0123456789)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("$.blocks[1].elements[0].text: must be object", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schemas_come_from_the_pinned_Slack_SDK()
    {
        var pins = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Path("tests", "js", "package.json")))!["dependencies"]!;

        var info = await SlackBlockKit.InfoAsync();

        Assert.Equal(pins["@slack/web-api"]!.GetValue<string>(), info["webApi"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_method_throws_and_the_checker_goes_on()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SlackBlockKit.CheckAsync("chat.postMesage", QuestionMessage()));
        Assert.Contains("unknown method \"chat.postMesage\"", failure.Message, StringComparison.Ordinal);

        Assert.Empty(await SlackBlockKit.CheckAsync("chat.postMessage", QuestionMessage()));
    }
}
