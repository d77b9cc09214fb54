using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using QuizBot.Chat;

namespace QuizBot.Dashboard;

// Admin actions: anti-forgery first (a forged or token-less post changes nothing and learns nothing), then the session
// and the admin role, then the action, then 303 back to the page the form came from with the action's sentence.
internal static partial class DashboardEndpoints
{
    // Room for the form fields and multipart framing around the largest bank file an upload may carry.
    private const long FormOverhead = 64 * 1024;

    private static void MapActions(RouteGroupBuilder group) =>
        group.MapPost("/c/{conversation}/do/{name}", async (HttpContext http, string conversation, string name, DashboardSessions sessions,
            DashboardAccess access, IEnumerable<IDashboardPage> pages, IEnumerable<IDashboardAction> actions, IAntiforgery antiforgery,
            DashboardFlash flash, IOptions<UploadOptions> uploads, CancellationToken ct) =>
        {
            var limit = uploads.Value.MaxBytes + FormOverhead;
            if (http.Request.ContentLength > limit)
            {
                return Page(DashboardLayout.Message("Too large", "That upload is larger than this QuizBot accepts."), StatusCodes.Status413PayloadTooLarge);
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
            IFormCollection form;
            try
            {
                form = http.Request.HasFormContentType
                    ? await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueLengthLimit = 64 * 1024, ValueCountLimit = 200 }, ct)
                    : FormCollection.Empty;
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Page(DashboardLayout.Message("Too large", "That form is larger than this QuizBot accepts."), StatusCodes.Status413PayloadTooLarge);
            }
            if (!await IsGenuineFormAsync(http, antiforgery))
            {
                return Forged();
            }
            if (sessions.Current(http) is not { } viewer)
            {
                return NoSession();
            }
            var key = Key(conversation);
            var action = actions.FirstOrDefault(a => a.Name == name);
            if (await access.RoleAsync(viewer, key, ct) != DashboardRole.Admin || action is null)
            {
                return NotFound();
            }
            var fields = form.Where(f => f.Key != "__antiforgery").ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            var files = new Dictionary<string, DashboardUpload>(StringComparer.Ordinal);
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files[file.Name] = new DashboardUpload(file.FileName, buffer.ToArray());
            }
            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var request = new DashboardRequest(key, viewer.UserKey, DashboardRole.Admin, query) { Files = files, UserIds = viewer.Ids };
            var sentence = await action.RunAsync(request, fields, ct);
            flash.Set(http, sentence);
            // Only a page's slug may name where to go back to: never an address the form supplies.
            var back = fields.TryGetValue("return", out var slug) && pages.FirstOrDefault(p => p.Slug == slug) is { } named
                ? named
                : FirstPage(pages, DashboardRole.Admin);
            return SeeOther(back is null ? DashboardPaths.Root : DashboardPaths.Page(key, back.Slug));
        }).DisableAntiforgery();
}
