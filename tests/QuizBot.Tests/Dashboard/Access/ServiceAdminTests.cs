using System.Net;
using QuizBot.Quizzes;

namespace QuizBot.Tests.Dashboard.Access;

public sealed class ServiceAdminTests : IAsyncLifetime
{
    private static readonly Participant Root = DashboardSite.Person("29:root", "Root");
    private static readonly Participant Ada = DashboardSite.Person("29:ada", "Ada");
    private readonly DashboardSite _site = new(configuredAdmin: "msteams:29:root");

    public async Task InitializeAsync()
    {
        await _site.SeedAsync(DashboardSite.Conversation, [(Ada, true)]);
        await _site.SeedAsync(DashboardSite.Other, [(Ada, false)]);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task An_admin_named_in_configuration_sees_every_conversation_with_a_round_and_its_pages()
    {
        using var client = await _site.SignInAsync(Root);

        var home = await client.GetAsync("/dashboard");
        var other = await client.GetAsync($"/dashboard/c/{Uri.EscapeDataString(DashboardSite.Other)}/board?span=all");

        Assert.Contains(DashboardSite.Conversation, home.Body, StringComparison.Ordinal);
        Assert.Contains(DashboardSite.Other, home.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal([["1", "Ada", "0", "0", "0%", "0"]], other.Table("board"));
    }

    [Fact]
    public async Task Anyone_else_sees_only_the_conversation_they_asked_from()
    {
        using var client = await _site.SignInAsync(Ada);

        var home = await client.GetAsync("/dashboard");

        Assert.Contains(DashboardSite.Conversation, home.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSite.Other, home.Body, StringComparison.Ordinal);
    }
}
