using System.Text.Json.Nodes;
using QuizBot.Tests.Deploy;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Dashboard.Entra;

// The Teams app package with the dashboard's Entra ID app: a personal Dashboard tab that signs in with Teams SSO.
[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TeamsTabPackageTests
{
    private const string EntraClientId = "3c9a2f1e-6b4d-4e7a-8f10-2a3b4c5d6e7f";

    private static async Task<(JsonNode Manifest, string Zip, TempDir Dir)> BuildAsync(string? clientId)
    {
        var dir = new TempDir();
        var env = TeamsPackage.Configuration();
        if (clientId is not null)
        {
            env["QUIZBOT_ENTRA_CLIENT_ID"] = clientId;
        }
        var result = await TeamsPackage.BuildAsync(dir.File("p.zip"), env);
        Assert.True(result.ExitCode == 0, result.Errors);
        return (JsonNode.Parse(TeamsPackage.Read(dir.File("p.zip"))["manifest.json"])!, dir.File("p.zip"), dir);
    }

    [Fact]
    public async Task With_the_Entra_client_id_the_package_has_a_personal_dashboard_tab_with_single_sign_on()
    {
        var (manifest, zip, dir) = await BuildAsync(EntraClientId);
        using var _ = dir;

        var tab = manifest["staticTabs"]!.AsArray().Single()!;
        Assert.Equal("Dashboard", (string?)tab["name"]);
        Assert.Equal($"https://{TeamsPackage.Domain}/dashboard/tab", (string?)tab["contentUrl"]);
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(EntraClientId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{TeamsPackage.Domain}/{EntraClientId}", (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.Contains(TeamsPackage.Domain, manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        var valid = await Tool.RunAsync("node", [Repo.Path("deploy", "teams", "validate-manifest.mjs"), zip]);
        Assert.True(valid.ExitCode == 0, valid.Output + valid.Errors);
    }

    [Fact]
    public async Task Without_the_Entra_client_id_there_is_no_tab_and_no_single_sign_on()
    {
        var (manifest, _, dir) = await BuildAsync(null);
        using var _d = dir;

        Assert.Null(manifest["staticTabs"]);
        Assert.Null(manifest["webApplicationInfo"]);
        Assert.DoesNotContain("${{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_id_that_is_not_a_GUID_stops_the_build()
    {
        using var dir = new TempDir();
        var env = TeamsPackage.Configuration();
        env["QUIZBOT_ENTRA_CLIENT_ID"] = "quizbot-dashboard";

        var result = await TeamsPackage.BuildAsync(dir.File("p.zip"), env);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("QUIZBOT_ENTRA_CLIENT_ID 'quizbot-dashboard' is not an app id", result.Errors, StringComparison.Ordinal);
    }
}
