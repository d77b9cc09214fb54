using QuizBot.Chat;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Uploads;

// An admin sends a bank file to the bot in a Teams personal chat: the real service over HTTP, the file served by a local
// server at the download URL Teams would give, the replies read from the recording connector.
public sealed class TeamsUploadTests : IAsyncLifetime
{
    private readonly FileServer _files = new();
    private readonly BotApp _app = new(new Dictionary<string, string?>
    {
        ["QuizBot:Admins:0"] = "msteams:29:ada",
        // Ada is an admin on Web Chat too, so only the channel keeps a Web Chat file from being fetched.
        ["QuizBot:Admins:1"] = "webchat:29:ada",
        ["QuizBot:Uploads:AllowLoopbackHttp"] = "true",
    });
    private Activities _ada = null!;

    public Task InitializeAsync()
    {
        _ada = new Activities(_app.Connector.ServiceUrl);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _files.DisposeAsync();
    }

    private async Task<string> SendAsync(Activities who, string name, string url)
    {
        (await _app.PostAsync(who.File(name, url))).EnsureSuccessStatusCode();
        return (await _app.Connector.NextAsync()).Text ?? "";
    }

    // Whether `quiz <title>` starts the bank: its first question comes back, or the list of banks there are.
    private async Task<bool> StartsAsync(string title)
    {
        await _app.PostAsync(_ada.Message("quiz " + title));
        return CardReading.Words((await _app.Connector.NextAsync()).Card()).Contains(UploadBanks.FirstQuestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sends_a_bank_file_in_a_personal_chat_and_gets_a_summary_and_a_preview_and_can_then_take_the_quiz()
    {
        var reply = await SendAsync(_ada, "basics.json", _files.Put("basics.json", UploadBanks.Json()));

        Assert.Contains($"Imported **{UploadBanks.Title}** (`{UploadBanks.Id}`) version 1: 3 questions, 0 skipped.", reply, StringComparison.Ordinal);
        Assert.Contains(UploadBanks.FirstQuestion, reply, StringComparison.Ordinal);
        Assert.Contains("A. Venus", reply, StringComparison.Ordinal);
        Assert.Contains("D. Mercury", reply, StringComparison.Ordinal);
        Assert.Contains($"`quiz {UploadBanks.Id}`", reply, StringComparison.Ordinal);
        // Teams' download URL is pre-authenticated: the bot's connector token is never sent with it.
        Assert.Equal(["/files/basics.json "], _files.Requests);
        Assert.True(await StartsAsync(UploadBanks.Title));
    }

    [Fact]
    public async Task A_gift_file_is_imported_with_its_skipped_questions_listed_by_line()
    {
        var reply = await SendAsync(_ada, "planets.gift", _files.Put("planets.gift", UploadBanks.GiftWithEssay()));

        Assert.Contains("version 1: 1 question, 1 skipped.", reply, StringComparison.Ordinal);
        Assert.Contains("Line 8: ", reply, StringComparison.Ordinal);
        Assert.Contains("B. Mars", reply, StringComparison.Ordinal);
        await _app.PostAsync(_ada.Message("quiz planets"));
        Assert.Contains(UploadBanks.FirstQuestion, CardReading.Words((await _app.Connector.NextAsync()).Card()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_aiken_file_is_answered_with_its_line_and_what_to_fix()
    {
        var reply = await SendAsync(_ada, "quiz.txt", _files.Put("quiz.txt", UploadBanks.BrokenAiken()));

        Assert.Contains("quiz.txt, line 9", reply, StringComparison.Ordinal);
        Assert.Contains("is not among the options A to B", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_sent_again_is_reported_unchanged()
    {
        var url = _files.Put("basics.json", UploadBanks.Json());
        await SendAsync(_ada, "basics.json", url);

        var again = await SendAsync(_ada, "basics.json", url);

        Assert.Contains($"**{UploadBanks.Title}** (`{UploadBanks.Id}`) is unchanged", again, StringComparison.Ordinal);
        Assert.Contains("version 1", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_is_not_a_configured_admin_is_refused_and_the_file_is_not_even_downloaded()
    {
        var reply = await SendAsync(_ada.For("29:bob", "Bob"), "basics.json", _files.Put("basics.json", UploadBanks.Json()));

        Assert.Equal(TeamsText(UploadWording.AdminsOnly), reply);
        Assert.Empty(_files.Requests);
        Assert.False(await StartsAsync(UploadBanks.Title));
    }

    [Fact]
    public async Task A_broken_file_is_answered_with_its_name_and_line_and_nothing_is_imported()
    {
        var reply = await SendAsync(_ada, "broken.json", _files.Put("broken.json", UploadBanks.BrokenJson()));

        Assert.Contains("broken.json", reply, StringComparison.Ordinal);
        Assert.Contains("line 3", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", reply, StringComparison.Ordinal);
        Assert.False(await StartsAsync("Broken"));
    }

    [Fact]
    public async Task A_file_over_16_MiB_is_refused_and_nothing_is_imported()
    {
        var big = new byte[16 * 1024 * 1024 + 1];
        var reply = await SendAsync(_ada, "big.json", _files.Put("big.json", big));

        Assert.Contains("\"big.json\"", reply, StringComparison.Ordinal);
        Assert.Contains("larger than 16 MiB", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_streams_past_16_MiB_without_a_length_is_cut_off_at_the_cap()
    {
        var reply = await SendAsync(_ada, "endless.json", _files.Url("endless.json", "endless"));

        Assert.Contains("larger than 16 MiB", reply, StringComparison.Ordinal);
        Assert.False(await StartsAsync(UploadBanks.Title));
    }

    [Fact]
    public async Task A_file_sent_in_a_team_channel_gets_a_sentence_to_send_it_in_a_personal_chat_and_is_not_downloaded()
    {
        var channel = new Activities(_app.Connector.ServiceUrl, conversationId: "19:general@thread.tacv2;messageid=7", conversationType: "channel");

        var reply = await SendAsync(channel, "basics.json", _files.Put("basics.json", UploadBanks.Json()));

        Assert.Equal(TeamsText(UploadWording.OnlyInDirectChat), reply);
        Assert.Empty(_files.Requests);
    }

    [Fact]
    public async Task A_file_of_a_format_QuizBot_does_not_read_is_answered_with_the_formats_and_not_downloaded()
    {
        var reply = await SendAsync(_ada, "slides.pdf", _files.Put("slides.pdf", [1, 2, 3]));

        Assert.Contains("\"slides.pdf\"", reply, StringComparison.Ordinal);
        Assert.Contains(".gift", reply, StringComparison.Ordinal);
        Assert.Empty(_files.Requests);
    }

    [Theory]
    [InlineData("moved", "sent me somewhere else (HTTP 302)")]
    [InlineData("files", "the server answered HTTP 404")]
    public async Task A_download_that_redirects_or_fails_is_answered_and_nothing_is_imported(string folder, string why)
    {
        var reply = await SendAsync(_ada, "basics.json", _files.Url("basics.json", folder));

        Assert.Contains($"I couldn't download \"basics.json\": ", reply, StringComparison.Ordinal);
        Assert.Contains(why, reply, StringComparison.Ordinal);
        Assert.False(await StartsAsync(UploadBanks.Title));
    }

    [Fact]
    public async Task An_http_download_url_is_refused_unless_the_option_for_local_tests_is_on()
    {
        await using var strict = new BotApp(new Dictionary<string, string?> { ["QuizBot:Admins:0"] = "msteams:29:ada" });
        var ada = new Activities(strict.Connector.ServiceUrl);

        (await strict.PostAsync(ada.File("basics.json", _files.Put("basics.json", UploadBanks.Json())))).EnsureSuccessStatusCode();

        Assert.Contains("its address is not one I may download from", (await strict.Connector.NextAsync()).Text, StringComparison.Ordinal);
        Assert.Empty(_files.Requests);
    }

    [Fact]
    public async Task A_file_attachment_on_web_chat_is_not_fetched_where_the_client_writes_the_activity()
    {
        var webChat = new Activities(_app.Connector.ServiceUrl, channelId: "webchat");

        (await _app.PostAsync(webChat.File("basics.json", _files.Put("basics.json", UploadBanks.Json())))).EnsureSuccessStatusCode();

        Assert.Contains("I didn't catch that", (await _app.Connector.NextAsync()).Text, StringComparison.Ordinal);
        Assert.Empty(_files.Requests);
    }

    [Fact]
    public async Task A_bank_title_and_file_name_from_the_file_are_shown_as_text_never_as_formatting()
    {
        var reply = await SendAsync(_ada, "*x*.json", _files.Put("*x*.json", UploadBanks.Json(title: "**Free** <at>pizza</at> [here](https://evil.example)")));

        Assert.DoesNotContain("**Free**", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("](https", reply, StringComparison.Ordinal);
        Assert.Contains("Free", reply, StringComparison.Ordinal);
    }

    private static string TeamsText(string markup) => QuizBot.Channels.Teams.TeamsMarkdown.FromMarkup(markup);
}
