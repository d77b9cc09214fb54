using System.Globalization;
using Microsoft.Extensions.Options;
using QuizBot.Chat;

namespace QuizBot.Http;

// Fetches a file someone sent the bot, for either channel: no redirects (a download URL that sends the bot elsewhere is
// refused, and a bearer token is never carried to another host), a cap on the bytes read whatever Content-Length says,
// and one timeout for the whole download. Failures are FileDownloadExceptions whose message is for the sender.
internal sealed class FileDownload(IHttpClientFactory clients, IOptions<UploadOptions> options)
{
    public const string HttpClientName = "files";

    public static void Register(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    // https, or http to a loopback address when the tests' option allows it; never credentials in the URL.
    public bool IsAllowed(Uri url) => url.IsAbsoluteUri && string.IsNullOrEmpty(url.UserInfo)
        && (url.Scheme == Uri.UriSchemeHttps || (options.Value.AllowLoopbackHttp && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    public async Task<byte[]> GetAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var o = options.Value;
        if (request.RequestUri is not { } url || !IsAllowed(url))
        {
            throw new FileDownloadException("its address is not one I may download from");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw new FileDownloadException("its address sent me somewhere else (HTTP " + status.ToString(CultureInfo.InvariantCulture) + ")");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new FileDownloadException("the server answered HTTP " + status.ToString(CultureInfo.InvariantCulture));
            }
            if (response.Content.Headers.ContentLength > o.MaxBytes)
            {
                throw new FileDownloadException(UploadWording.TooBig(o.MaxBytes));
            }
            return await ReadCappedAsync(response.Content, o.MaxBytes, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FileDownloadException($"it took longer than {o.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s", e);
        }
        // The connection failing before the answer (HttpRequestException) or in the middle of the body (HttpIOException).
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new FileDownloadException("the connection to the file's server failed", e);
        }
    }

    // Reads at most max bytes: a server that says nothing of the length, or lies about it, is stopped at the cap.
    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long max, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new FileDownloadException(UploadWording.TooBig(max));
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
