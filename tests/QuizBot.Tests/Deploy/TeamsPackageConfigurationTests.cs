using QuizBot.Tests.Support;

namespace QuizBot.Tests.Deploy;

[Trait(ExternalTraitTests.Category, ExternalTraitTests.External)]
public sealed class TeamsPackageConfigurationTests
{
    [Fact]
    public async Task Missing_app_id_stops_the_build_and_says_which_setting_to_set()
    {
        using var dir = new TempDir();
        var env = TeamsPackage.Configuration();
        env.Remove("MicrosoftAppId");

        var result = await TeamsPackage.BuildAsync(dir.File("p.zip"), env);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MicrosoftAppId is not set", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("p.zip")));
    }

    [Theory]
    [InlineData("MicrosoftAppId", "quizbot", "is not an app id")]
    [InlineData("MicrosoftAppId", "6f1c2a7e-3b9d-4e58-a0c4-7d2e9b1f5a3", "is not an app id")]
    [InlineData("MicrosoftAppId", "00000000-0000-0000-0000-000000000000", "is not an app id")]
    [InlineData("QUIZBOT_TEAMS_APP_ID", "{c0ffee00-1234-4abc-8def-0123456789ab}", "is not an app id")]
    [InlineData("QUIZBOT_PACKAGE_VERSION", "1.0", "must be a version x.y.z")]
    [InlineData("QUIZBOT_DOMAIN", "https://quizbot.example.com/", "must be a host name alone")]
    [InlineData("QUIZBOT_PRIVACY_URL", "http://example.com/privacy", "must be an https:// URL")]
    public async Task Invalid_setting_stops_the_build_and_names_the_setting_and_value(string name, string value, string problem)
    {
        using var dir = new TempDir();
        var env = TeamsPackage.Configuration();
        env[name] = value;

        var result = await TeamsPackage.BuildAsync(dir.File("p.zip"), env);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{name} '{value}' {problem}", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("p.zip")));
    }

    [Fact]
    public async Task Same_configuration_builds_the_same_bytes()
    {
        using var dir = new TempDir();

        await TeamsPackage.BuildAsync(dir.File("a.zip"), TeamsPackage.Configuration());
        await TeamsPackage.BuildAsync(dir.File("b.zip"), TeamsPackage.Configuration());

        Assert.Equal(await File.ReadAllBytesAsync(dir.File("a.zip")), await File.ReadAllBytesAsync(dir.File("b.zip")));
    }
}
