namespace QuizBot.Channels.Teams.Outbound;

// Outermost: a retry sends the same request again, so its body must be readable more than once.
internal sealed class BufferContentHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
