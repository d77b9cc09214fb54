using System.Text;
using QuizBot.Channels.Slack;

namespace QuizBot.Tests.Slack;

// Issue 16: an interaction's payload is decoded from the body's bytes; it must read exactly what the form reader reads.
public sealed class FormBodyTests
{
    [Theory]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    [InlineData("token=x&payload=a+b%20c%2Bd&other=1")]
    [InlineData("payload=caf%C3%A9+%E2%9C%85")] // UTF-8 spread over escapes
    [InlineData("payload=50%25+off%2")] // a '%' that escapes nothing stands for itself
    [InlineData("payload=%zz%4")]
    [InlineData("p%61yload=named+with+an+escape")]
    [InlineData("payload=")]
    [InlineData("payload")]
    [InlineData("other=1")]
    [InlineData("payload=one&payload=two")] // sent twice: neither is believed
    [InlineData("")]
    public void The_payload_field_reads_as_the_form_reader_reads_it(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var expected = FormBody.Parse(bytes)?.Field("payload");

        var actual = FormBody.Utf8Field(bytes, "payload"u8);

        Assert.Equal(expected, actual is null ? null : Encoding.UTF8.GetString(actual));
    }

    [Fact]
    public void A_body_with_more_fields_than_any_form_from_slack_holds_no_payload()
    {
        var body = string.Join('&', Enumerable.Range(0, 70).Select(i => $"f{i}=x")) + "&payload=y";

        Assert.Null(FormBody.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Null(FormBody.Utf8Field(Encoding.UTF8.GetBytes(body), "payload"u8));
    }
}
