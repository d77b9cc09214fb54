namespace QuizBot.Channels.Teams.Outbound;

// What the outbound handlers need to know about a connector request that its URL does not say.
internal static class ConnectorRequest
{
    // The conversation's tenant (activity.conversation.tenantId), for the per-tenant limit. ConnectorClient sets it.
    public static readonly HttpRequestOptionsKey<string?> Tenant = new("QuizBot.Connector.Tenant");
}
