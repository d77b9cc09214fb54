using System.Text.Json;
using QuizBot.Channels.Teams;
using QuizBot.Channels.Teams.Auth;

namespace QuizBot.Tests.Auth;

public sealed class ActivityAuthenticationTests
{
    private static Activity Parse(string json) => JsonSerializer.Deserialize(json, BotJson.Default.Activity)!;

    [Theory]
    [InlineData("""{"type":"message","conversation":{"id":"c","tenantId":"t-conv"},"channelData":{"tenant":{"id":"t-data"}}}""", "t-conv")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"channelData":{"tenant":{"id":"t-data"}}}""", "t-data")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"channelData":{"tenant":"odd"}}""", null)]
    [InlineData("""{"type":"message","conversation":{"id":"c"}}""", null)]
    public void The_tenant_is_read_from_the_conversation_or_else_from_channel_data(string json, string? tenant) =>
        Assert.Equal(tenant, ActivityAuthentication.TenantOf(Parse(json)));
}
