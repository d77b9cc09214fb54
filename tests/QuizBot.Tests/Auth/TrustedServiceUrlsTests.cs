using QuizBot.Channels.Teams.Auth;

namespace QuizBot.Tests.Auth;

public sealed class TrustedServiceUrlsTests
{
    private readonly TrustedServiceUrls _trusted = new();

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/v3/conversations/a%3Ab/activities")]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations/x/activities/1")]
    [InlineData("https://SMBA.TrafficManager.net/emea/v3/conversations")]
    public void Teams_connectors_in_every_region_are_trusted_from_the_start(string url) =>
        Assert.True(_trusted.IsTrusted(new Uri(url)));

    [Theory]
    [InlineData("http://smba.trafficmanager.net/teams/v3/conversations")]
    [InlineData("https://smba.trafficmanager.net.evil.example/teams/")]
    [InlineData("https://smba.trafficmanager.net:8443/teams/")]
    [InlineData("http://localhost:56150/_connector/v3/conversations")]
    public void Other_urls_are_not_trusted_until_an_authenticated_activity_brings_them(string url) =>
        Assert.False(_trusted.IsTrusted(new Uri(url)));

    [Theory]
    [InlineData("http://localhost:56150/_connector")]
    [InlineData("http://LOCALHOST:56150/_connector/")]
    public void A_trusted_service_url_covers_the_connector_paths_below_it_with_or_without_a_trailing_slash(string serviceUrl)
    {
        _trusted.Trust(serviceUrl);
        Assert.True(_trusted.IsTrusted(new Uri("http://localhost:56150/_connector/v3/conversations/a%40b/activities")));
        Assert.True(_trusted.IsTrusted(new Uri("http://localhost:56150/_connector")));
        Assert.False(_trusted.IsTrusted(new Uri("http://localhost:56150/_connectorx/v3/conversations")));
        Assert.False(_trusted.IsTrusted(new Uri("http://localhost:56150/other/v3/conversations")));
        Assert.False(_trusted.IsTrusted(new Uri("http://localhost:56151/_connector/v3/conversations")));
    }

    [Fact]
    public void A_path_that_climbs_out_of_a_trusted_service_url_is_not_trusted()
    {
        _trusted.Trust("https://connector.example/tenant-a/");
        Assert.False(_trusted.IsTrusted(new Uri("https://connector.example/tenant-a/../tenant-b/v3/conversations")));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://connector.example/")]
    public void Something_that_is_not_an_http_url_is_never_trusted(string serviceUrl)
    {
        _trusted.Trust(serviceUrl);
        Assert.False(_trusted.IsTrusted(new Uri("ftp://connector.example/")));
    }
}
