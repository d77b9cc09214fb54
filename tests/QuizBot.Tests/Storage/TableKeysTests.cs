using QuizBot.Storage.Tables;

namespace QuizBot.Tests.Storage;

public sealed class TableKeysTests
{
    private static readonly string[] Ids =
    [
        "", "a", "A", "a/b", "a\\b", "a#b", "a?b", "a|b", "a%b", "a'b", "a b", "%002F", "%0041", "\u0000", "\u001f", "\u007f", "\u0085", "\u00e9",
        "\ud83d\ude00", "\ud83d", new string('x', 5000), new string('x', 5000) + "y", new string('/', 2000),
    ];

    [Fact]
    public void Encoded_ids_hold_no_character_a_table_key_forbids_and_fit_the_key_limit()
    {
        foreach (var id in Ids)
        {
            var key = TableKeys.Segment(id);
            Assert.True(key.Length <= TableKeys.MaxSegment, $"{key.Length} chars");
            Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '|' or ' ' || char.IsControl(c) || c > '~');
        }
    }

    [Fact]
    public void Different_ids_never_share_a_key()
    {
        Assert.Equal(Ids.Length, Ids.Select(TableKeys.Segment).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_post_id_names_its_conversation_and_a_malformed_one_names_none()
    {
        Assert.Equal("msteams:19:a|b@thread", TableKeys.ConversationOfPost("msteams:19:a|b@thread|1795424400|0"));
        Assert.Null(TableKeys.ConversationOfPost("no-separators"));
        Assert.Null(TableKeys.ConversationOfPost("|1|0"));
        Assert.Null(TableKeys.ConversationOfPost("one|0"));
    }

    [Fact]
    public void Buckets_are_stable_and_spread_users()
    {
        var buckets = Enumerable.Range(0, 1600).Select(i => TableKeys.Bucket($"29:user-{i}", 16)).ToList();

        Assert.Equal(buckets, Enumerable.Range(0, 1600).Select(i => TableKeys.Bucket($"29:user-{i}", 16)));
        Assert.All(buckets.CountBy(b => b), g => Assert.InRange(g.Value, 50, 150));
        Assert.Equal(16, buckets.Distinct().Count());
    }
}
