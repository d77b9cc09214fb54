using QuizBot.Chat;
using QuizBot.Dashboard;
using QuizBot.Quizzes;
using QuizBot.Storage;
using QuizBot.Tests.Chat;

namespace QuizBot.Tests.Dashboard.Access;

// `dashboard`, `manager` and `managers` in chat, for every channel (the recording outbound port).
public sealed class DashboardChatTests : IDisposable
{
    private static readonly Participant Admin = ChatHost.Person("admin", "Alice Admin");
    private static readonly Participant Bob = ChatHost.Person("bob", "Bob");
    private static readonly string Room = ChatHost.Conversation("room");
    private readonly ChatHost _chat = new(new Dictionary<string, string?> { ["QuizBot:Dashboard:PublicBaseUrl"] = "https://quizbot.example.com/" },
        "test:admin");

    public void Dispose() => _chat.Dispose();

    private static string Text(ChatReply reply) => string.Join("\n", reply.Messages.Select(m => m.View).OfType<ChatView.Text>().Select(t => t.Markup));

    [Fact]
    public async Task In_a_channel_the_link_goes_privately_and_the_channel_is_only_told_it_was_sent()
    {
        var reply = await _chat.SayAsync(Bob, Room, "dashboard");

        Assert.Equal(DashboardWording.SentPrivately, Text(reply));
        Assert.DoesNotContain("signin", Text(reply), StringComparison.Ordinal);
        var told = Assert.Single(_chat.Outbound.Calls);
        Assert.Equal(("tell", "address-of-" + Room, Bob.Key), (told.Kind, told.Address, told.MessageId));
        var link = System.Text.RegularExpressions.Regex.Match(((ChatView.Text)told.View).Markup, @"https://quizbot\.example\.com/dashboard/signin\?t=[0-9a-f]+").Value;
        var ticket = _chat.Get<SignInLinks>().Read(link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal((Bob.Key, "Bob", Room, false), (ticket?.User, ticket?.Name, ticket?.Conversation, ticket?.ChannelAdmin));
    }

    [Fact]
    public async Task In_a_personal_chat_the_link_is_the_answer()
    {
        var reply = await _chat.Get<ChatBot>().HandleAsync(
            new ChatTurn(ChatHost.Channel, ChatHost.Conversation("dm"), Bob, new TurnInput.Command(ChatCommand.Parse("dashboard"), [])) { Personal = true },
            "address-of-dm", default);

        Assert.Contains("https://quizbot.example.com/dashboard/signin?t=", Text(reply), StringComparison.Ordinal);
        Assert.Empty(_chat.Outbound.Calls);
    }

    [Fact]
    public async Task When_the_private_message_fails_the_link_is_not_posted_publicly()
    {
        _chat.Outbound.Failure = new DeliveryFailedException("blocked", gone: false);

        var reply = await _chat.SayAsync(Bob, Room, "dashboard");

        Assert.Equal(DashboardWording.NotSentPrivately, Text(reply));
    }

    [Fact]
    public async Task A_channel_vouched_admin_gets_a_link_that_carries_it()
    {
        await _chat.SayAsync(Bob with { ChannelAdmin = true }, Room, "dashboard");

        var told = (ChatView.Text)Assert.Single(_chat.Outbound.Calls).View;
        var token = told.Markup[(told.Markup.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
        Assert.Equal([Room], _chat.Get<SignInLinks>().Read(token)!.Viewer.ChannelAdminOf);
    }

    [Fact]
    public async Task Without_a_public_address_the_dashboard_says_which_setting_is_missing()
    {
        using var bare = new ChatHost();

        var reply = await bare.SayAsync(Bob, Room, "dashboard");

        Assert.Contains("QuizBot:Dashboard:PublicBaseUrl", Text(reply), StringComparison.Ordinal);
        Assert.Empty(bare.Outbound.Calls);
    }

    [Fact]
    public async Task Admins_add_list_and_remove_managers_and_others_are_refused()
    {
        Assert.Contains("Sorry, only a QuizBot admin", Text(await _chat.SayAsync(Bob, Room, "manager add @Bob", Bob)), StringComparison.Ordinal);
        Assert.Contains("Sorry, only a QuizBot admin", Text(await _chat.SayAsync(Bob, Room, "managers")), StringComparison.Ordinal);

        Assert.Contains("is now a manager", Text(await _chat.SayAsync(Admin, Room, "manager add @Bob", Bob)), StringComparison.Ordinal);
        Assert.Contains("already a manager", Text(await _chat.SayAsync(Admin, Room, "manager add @Bob", Bob)), StringComparison.Ordinal);
        Assert.Contains("`bob`", Text(await _chat.SayAsync(Admin, Room, "managers")), StringComparison.Ordinal);
        Assert.True(await _chat.Get<IConversationStore>().IsManagerAsync(Room, Bob.Key, default));
        Assert.Contains("Mention the person", Text(await _chat.SayAsync(Admin, Room, "manager add Bob")), StringComparison.Ordinal);

        Assert.Contains("no longer a manager", Text(await _chat.SayAsync(Admin, Room, "manager remove @Bob", Bob)), StringComparison.Ordinal);
        Assert.False(await _chat.Get<IConversationStore>().IsManagerAsync(Room, Bob.Key, default));
        Assert.Contains("No managers", Text(await _chat.SayAsync(Admin, Room, "managers")), StringComparison.Ordinal);
    }
}
