namespace QuizBot.Channels.Teams.Outbound;

// What the outbound handlers need to know about a connector request that its URL does not say.
internal static class ConnectorRequest
{
    // The conversation's tenant (activity.conversation.tenantId), for the per-tenant limit. ConnectorClient sets it.
    public static readonly HttpRequestOptionsKey<string?> Tenant = new("QuizBot.Connector.Tenant");

    // True for a round's own sends (TeamsOutbound), which go before interactive replies at the tenant's limit.
    public static readonly HttpRequestOptionsKey<bool> Scheduled = new("QuizBot.Connector.Scheduled");
}
