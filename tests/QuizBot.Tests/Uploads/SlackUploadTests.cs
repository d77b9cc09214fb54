using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Tests.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Uploads;

// An admin uploads a bank file in a Slack DM with the bot: signed events to the real service, the file fetched from the
// Slack stand-in's url_private_download with the bot token, the replies read from its chat.postMessage calls.
[Trait("Category", "External")]
public sealed class SlackUploadTests : IAsyncLifetime
{
    private const string Carol = "U0CAROL";

    private readonly SlackApp _app = new(settings: new Dictionary<string, string?>
    {
        ["QuizBot:Admins:0"] = "slack:T0STANDIN:" + Carol,
        ["QuizBot:Uploads:AllowLoopbackHttp"] = "true",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> ShareAsync(string user, JsonObject file)
    {
        (await _app.ShareFileAsync(user, file)).EnsureSuccessStatusCode();
        return (await _app.Slack.NextAsync("chat.postMessage"))["text"] ?? "";
    }

    private async Task<bool> StartsAsync(string title)
    {
        await _app.DirectMessageAsync(Carol, "quiz " + title);
        return SlackApp.Text(await _app.Slack.NextAsync("chat.postMessage")).Contains(UploadBanks.FirstQuestion, StringComparison.Ordinal);
    }

    private List<SlackCall> Downloads => [.. _app.Slack.CallsTo(SlackStandIn.FileDownloadMethod)];

    [Fact]
    public async Task An_admin_uploads_a_bank_in_a_dm_and_gets_a_summary_and_a_preview_and_can_then_take_the_quiz()
    {
        var reply = await ShareAsync(Carol, _app.Slack.AddFile("basics.json", UploadBanks.Json()));

        Assert.Contains($"Imported *{UploadBanks.Title}* (`{UploadBanks.Id}`) version 1: 3 questions, 0 skipped.", reply, StringComparison.Ordinal);
        Assert.Contains(UploadBanks.FirstQuestion, reply, StringComparison.Ordinal);
        Assert.Contains("B. Mars", reply, StringComparison.Ordinal);
        // Fetched once, with the bot token as a bearer, as Slack requires for url_private_download.
        var download = Assert.Single(Downloads);
        Assert.Equal("Bearer " + SlackStandIn.DefaultToken, download.Authorization);
        Assert.True(download.Ok);
        Assert.True(await StartsAsync(UploadBanks.Title));
    }

    [Fact]
    public async Task A_file_Slack_sends_as_check_file_info_is_looked_up_with_files_info_and_imported()
    {
        var file = _app.Slack.AddFile("basics.json", UploadBanks.Json());

        var reply = await ShareAsync(Carol, SlackStandIn.CheckFileInfo(file));

        Assert.Contains($"Imported *{UploadBanks.Title}*", reply, StringComparison.Ordinal);
        Assert.Equal(file["id"]!.GetValue<string>(), Assert.Single(_app.Slack.CallsTo("files.info"))["file"]);
        Assert.Single(Downloads);
    }

    [Fact]
    public async Task A_workspace_admin_not_named_in_configuration_is_refused_and_the_file_is_not_downloaded()
    {
        // Alice administers the workspace (users.info is_admin): enough for rounds there, not to change every workspace's banks.
        var reply = await ShareAsync("U0ALICE", _app.Slack.AddFile("basics.json", UploadBanks.Json()));

        Assert.Equal(SlackText(UploadWording.AdminsOnly), reply);
        Assert.Empty(Downloads);
        Assert.False(await StartsAsync(UploadBanks.Title));
    }

    [Fact]
    public async Task A_broken_file_is_answered_with_its_name_and_line_and_nothing_is_imported()
    {
        var reply = await ShareAsync(Carol, _app.Slack.AddFile("broken.json", UploadBanks.BrokenJson()));

        Assert.Contains("broken.json", reply, StringComparison.Ordinal);
        Assert.Contains("line 3", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", reply, StringComparison.Ordinal);
        Assert.False(await StartsAsync("Broken"));
    }

    [Fact]
    public async Task A_file_Slack_says_is_over_16_MiB_is_refused_without_downloading_it()
    {
        var reply = await ShareAsync(Carol, _app.Slack.AddFile("big.json", UploadBanks.Json(), statedSize: 16L * 1024 * 1024 + 1));

        Assert.Contains("\"big.json\" is too big: a bank file may be at most 16 MiB", reply, StringComparison.Ordinal);
        Assert.Empty(Downloads);
    }

    [Fact]
    public async Task A_file_over_16_MiB_that_Slack_said_was_small_is_cut_off_at_the_cap()
    {
        var reply = await ShareAsync(Carol, _app.Slack.AddFile("big.json", new byte[16 * 1024 * 1024 + 1], statedSize: 100));

        Assert.Contains("larger than 16 MiB", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_shared_with_a_mention_in_a_channel_gets_a_sentence_to_send_it_in_a_dm()
    {
        var mention = SlackEvents.AppMention(Carol, SlackApp.Room, "here is a bank");
        mention["files"] = new JsonArray(_app.Slack.AddFile("basics.json", UploadBanks.Json()));

        (await _app.SendAsync(_app.Sender.Event("/api/slack/events", SlackEvents.Callback(mention)))).EnsureSuccessStatusCode();

        var reply = await _app.Slack.NextAsync("chat.postMessage");
        Assert.Equal(SlackApp.Room, reply["channel"]);
        Assert.Equal(SlackText(UploadWording.OnlyInDirectChat), reply["text"]);
        Assert.Empty(Downloads);
    }

    [Fact]
    public async Task A_file_url_outside_Slack_is_never_sent_the_bot_token()
    {
        await using var elsewhere = new FileServer();
        var file = _app.Slack.AddFile("basics.json", UploadBanks.Json());
        file["url_private_download"] = elsewhere.Put("basics.json", UploadBanks.Json());

        var reply = await ShareAsync(Carol, file);

        Assert.Contains("its address is not one of Slack's file addresses", reply, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
    }

    private static string SlackText(string markup) => QuizBot.Channels.Slack.SlackMrkdwn.FromMarkup(markup);
}
