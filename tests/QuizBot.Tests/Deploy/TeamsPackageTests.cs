using System.Text.Json.Nodes;
using QuizBot.Chat;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TeamsPackageTests(TeamsPackage package) : IClassFixture<TeamsPackage>
{
    private JsonObject Bot => package.Manifest["bots"]![0]!.AsObject();

    [Fact]
    public void Package_holds_exactly_the_manifest_and_the_two_icons_at_its_root()
    {
        Assert.Equal(["color.png", "manifest.json", "outline.png"], package.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Manifest_is_valid_against_the_published_Teams_app_schema()
    {
        var result = await Tool.RunAsync("node", [Repo.Path("deploy", "teams", "validate-manifest.mjs"), package.ZipPath]);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("valid against the Teams manifest schema v" + package.Manifest["manifestVersion"], result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_validation_reports_a_manifest_Teams_would_reject()
    {
        using var dir = new TempDir();
        var broken = package.Manifest.DeepClone();
        broken["bots"]![0]!["supportsFiles"] = "no";
        broken["accentColor"] = "blue";
        await File.WriteAllTextAsync(dir.File("manifest.json"), broken.ToJsonString());

        var result = await Tool.RunAsync("node", [Repo.Path("deploy", "teams", "validate-manifest.mjs"), dir.File("manifest.json")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/bots/0/supportsFiles", result.Output, StringComparison.Ordinal);
        Assert.Contains("/accentColor", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_carries_the_configured_bot_id_app_id_version_and_domain()
    {
        Assert.Equal(TeamsPackage.AppId, (string?)Bot["botId"]);
        Assert.Equal(TeamsPackage.TeamsAppId, (string?)package.Manifest["id"]);
        Assert.Equal(TeamsPackage.Version, (string?)package.Manifest["version"]);
        Assert.Contains(TeamsPackage.Domain, package.Manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal($"https://{TeamsPackage.Domain}/", (string?)package.Manifest["developer"]!["websiteUrl"]);
        Assert.DoesNotContain("${{", package.Manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_app_id_defaults_to_the_bot_app_id()
    {
        using var dir = new TempDir();
        var env = TeamsPackage.Configuration();
        env.Remove("QUIZBOT_TEAMS_APP_ID");

        var result = await TeamsPackage.BuildAsync(dir.File("p.zip"), env);

        Assert.True(result.ExitCode == 0, result.Errors);
        var manifest = JsonNode.Parse(TeamsPackage.Read(dir.File("p.zip"))["manifest.json"])!;
        Assert.Equal(TeamsPackage.AppId, (string?)manifest["id"]);
        Assert.Equal(TeamsPackage.AppId, (string?)manifest["bots"]![0]!["botId"]);
    }

    [Fact]
    public void Bot_is_offered_in_personal_chats_teams_and_group_chats_and_takes_files_in_personal_chats()
    {
        Assert.Equal(["personal", "team", "groupChat"], Bot["scopes"]!.AsArray().Select(s => (string?)s));
        // Admins import question banks by sending the file in a personal chat; Teams drops files sent to a bot without it.
        Assert.True((bool)Bot["supportsFiles"]!);

        var lists = Bot["commandLists"]!.AsArray();
        var listed = lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string?)s)).ToList();
        Assert.Equal(["groupChat", "personal", "team"], listed.Order(StringComparer.Ordinal));
        // Teams shows at most 10 commands per list.
        Assert.All(lists, l => Assert.InRange(l!["commands"]!.AsArray().Count, 1, 10));
    }

    [Fact]
    public void Team_and_group_chat_commands_include_the_leaderboard_and_the_round_controls()
    {
        var team = Bot["commandLists"]!.AsArray().Single(l => l!["scopes"]!.AsArray().Any(s => (string?)s == "team"));
        var titles = team!["commands"]!.AsArray().Select(c => (string?)c!["title"]).ToList();

        Assert.Subset(titles.ToHashSet(), new HashSet<string?> { "leaderboard", "stats", "schedule", "post now", "pause", "resume", "help" });
    }

    [Fact]
    public void Every_command_in_the_manifest_is_one_help_explains()
    {
        var help = string.Join("\n", HelpText.Lines);
        // Help names each command in bold, optionally followed by its arguments: "**leaderboard** [week|month|all]".
        var unexplained = Bot["commandLists"]!.AsArray()
            .SelectMany(l => l!["commands"]!.AsArray().Select(c => (string)c!["title"]!))
            .Distinct()
            .Where(title => !help.Contains($"**{title}**", StringComparison.Ordinal) && !help.Contains($"**{title} ", StringComparison.Ordinal))
            .ToList();

        Assert.True(unexplained.Count == 0, "Not in HelpText.Lines: " + string.Join(", ", unexplained));
    }

    [Fact]
    public void Icons_have_the_sizes_Teams_requires()
    {
        var color = Png.Read(package.Entries[(string)package.Manifest["icons"]!["color"]!]);
        var outline = Png.Read(package.Entries[(string)package.Manifest["icons"]!["outline"]!]);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
    }

    [Fact]
    public void Outline_icon_is_white_on_a_transparent_background()
    {
        var outline = Png.Read(package.Entries["outline.png"]);
        var pixels = outline.Rgba.Chunk(4).ToList();

        // Teams tints the outline icon itself: any colour but white in a visible pixel is rejected.
        Assert.All(pixels.Where(p => p[3] > 0), p => Assert.Equal([255, 255, 255], p[..3]));
        Assert.Contains(pixels, p => p[3] == 0);
        Assert.Contains(pixels, p => p[3] == 255);
    }
}
