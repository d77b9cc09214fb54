using System.Text;
using QuizBot.Channels.Slack;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    // Slack's published example ("Verifying requests from Slack"): its slash-command body, secret, timestamp and signature.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    internal const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));

    private static SignatureCheck Verify(string? timestamp = Timestamp, string? signature = Expected, string body = Body, TimeSpan? age = null, string? secret = Secret) =>
        SlackSignature.Verify(secret, timestamp, signature, Encoding.UTF8.GetBytes(body), SentAt + (age ?? TimeSpan.FromSeconds(3)));

    [Fact]
    public void A_request_signed_with_the_published_test_vector_is_accepted()
    {
        var check = Verify();

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void The_test_senders_sign_the_published_body_as_Slack_did()
    {
        Assert.Equal(Expected, SlackSender.Signature(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(3600)]
    public void A_timestamp_more_than_five_minutes_from_now_either_way_is_rejected_as_stale(int ageSeconds)
    {
        var check = Verify(age: TimeSpan.FromSeconds(ageSeconds));

        Assert.Equal(SignatureFailure.Stale, check.Failure);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_timestamp_exactly_five_minutes_from_now_is_still_accepted(int ageSeconds)
    {
        Assert.True(Verify(age: TimeSpan.FromSeconds(ageSeconds)).IsValid);
    }

    [Fact]
    public void A_one_byte_change_in_the_body_is_rejected()
    {
        var forged = Body.Replace("user_name=roadrunner", "user_name=roadrunnes", StringComparison.Ordinal);

        Assert.Equal(SignatureFailure.BadSignature, Verify(body: forged).Failure);
    }

    [Fact]
    public void The_signature_of_one_timestamp_does_not_cover_another()
    {
        // A replay with a fresh timestamp and the old signature: the timestamp is part of what was signed.
        var check = Verify(timestamp: "1531420619");

        Assert.Equal(SignatureFailure.BadSignature, check.Failure);
    }

    [Theory]
    [InlineData(null, Expected)]
    [InlineData(Timestamp, null)]
    [InlineData("", Expected)]
    [InlineData(Timestamp, "")]
    public void A_request_without_both_headers_is_rejected(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureFailure.MissingHeaders, Verify(timestamp, signature).Failure);
    }

    [Theory]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39")]
    [InlineData("v0=z2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void A_signature_that_is_not_v0_and_64_hex_digits_is_rejected_as_malformed(string signature)
    {
        Assert.Equal(SignatureFailure.Malformed, Verify(signature: signature).Failure);
    }

    [Theory]
    [InlineData(" 1531420618")]
    [InlineData("+1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999")]
    public void A_timestamp_that_is_not_plain_digits_is_rejected(string timestamp)
    {
        Assert.Equal(SignatureFailure.Malformed, Verify(timestamp: timestamp).Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_signing_secret_every_request_is_rejected(string? secret)
    {
        Assert.Equal(SignatureFailure.NotConfigured, Verify(secret: secret).Failure);
    }

    [Fact]
    public void Another_apps_secret_does_not_verify()
    {
        Assert.Equal(SignatureFailure.BadSignature, Verify(secret: "8f742231b10e8888abcd99yyyzzz85a6").Failure);
    }
}
