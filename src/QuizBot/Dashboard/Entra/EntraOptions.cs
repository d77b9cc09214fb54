using Microsoft.Extensions.Options;

namespace QuizBot.Dashboard.Entra;

// Section "QuizBot:Dashboard:Entra": the app registration that signs people in with Microsoft Entra ID and backs the
// Teams tab's single sign-on. Off while ClientId is empty.
internal sealed class EntraOptions
{
    public const string Section = DashboardOptions.Section + ":Entra";
    public const string Organizations = "organizations";

    // The app registration's Application (client) id.
    public string? ClientId { get; set; }

    // A client secret of that registration: the code flow redeems the code with it.
    public string? ClientSecret { get; set; }

    // The directory (tenant) id people sign in from, or "organizations" with AllowedTenants naming the tenants.
    public string? TenantId { get; set; }

    // With TenantId "organizations": the only tenants whose people may sign in. Ignored for a single tenant.
    public IList<string> AllowedTenants { get; } = [];

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    public bool MultiTenant => string.Equals(TenantId?.Trim(), Organizations, StringComparison.OrdinalIgnoreCase);

    public Uri InstanceUri => new(Instance.EndsWith('/') ? Instance : Instance + "/");

    // Where sign-in starts and where the tenant's OpenID metadata (and so its signing keys) is published.
    public string Authority => $"{InstanceUri}{TenantId!.Trim()}/v2.0";

    // Entra ID v2 tokens name their tenant in the issuer; nothing else may issue for it.
    public string IssuerFor(string tenantId) => $"{InstanceUri}{tenantId}/v2.0";

    public bool Allows(string? tenantId) =>
        tenantId is not null && (MultiTenant ? AllowedTenants : [TenantId!.Trim()]).Contains(tenantId, StringComparer.OrdinalIgnoreCase);
}

internal sealed class EntraOptionsValidator(IOptions<DashboardOptions> dashboard) : IValidateOptions<EntraOptions>
{
    private const string At = EntraOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, EntraOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var problems = new List<string>();
        if (!IsGuid(o.ClientId))
        {
            problems.Add($"{At}ClientId must be the app registration's Application (client) id, a GUID.");
        }
        if (string.IsNullOrWhiteSpace(o.ClientSecret))
        {
            problems.Add($"{At}ClientSecret is required when ClientId is set: sign-in redeems its code with it.");
        }
        if (o.MultiTenant)
        {
            if (o.AllowedTenants.Count == 0 || !o.AllowedTenants.All(IsGuid))
            {
                problems.Add($"{At}AllowedTenants must list the tenant ids (GUIDs) whose people may sign in when TenantId is \"organizations\".");
            }
        }
        else if (!IsGuid(o.TenantId))
        {
            problems.Add($"{At}TenantId must be the directory (tenant) id, a GUID, or \"organizations\" with AllowedTenants.");
        }
        // Tokens and keys come from here: https only, but plain http on this machine for a local test issuer.
        if (!Uri.TryCreate(o.Instance, UriKind.Absolute, out var instance) || instance.Query.Length > 0
            || !(instance.Scheme == Uri.UriSchemeHttps || (instance.Scheme == Uri.UriSchemeHttp && instance.IsLoopback)))
        {
            problems.Add($"{At}Instance must be an https address such as https://login.microsoftonline.com/.");
        }
        if (!dashboard.Value.Configured)
        {
            problems.Add($"{At}ClientId is set but {DashboardOptions.Section}:PublicBaseUrl is not: sign-in and the Teams tab need the dashboard's address.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsGuid(string? value) => Guid.TryParseExact(value?.Trim(), "D", out var id) && id != Guid.Empty;
}
