using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QuizBot.Storage.Tables;

// Turns ids that users and channels control into safe Table keys. Keys forbid / \ # ? and control characters and
// hold at most 1 KiB; `|` separates key segments here, so it is escaped too. The encoding is injective and pure
// printable ASCII, so a hostile id can neither break an OData filter nor spell a key of another partition.
internal static class TableKeys
{
    // Space is escaped too, so it can end a segment in keys that must sort by their first segment (names on a board).
    // 1 KiB is 512 UTF-16 characters (Azurite answers 400 to a 600-character key). The longest key here joins two
    // segments and 25 characters more, so two of 200 leave room.
    public const int MaxSegment = 200;

    public static string Segment(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is > ' ' and <= '~' and not ('/' or '\\' or '#' or '?' or '%' or '|' or '\''))
            {
                sb.Append(c);
            }
            else
            {
                // Fixed width, so no escape can be read as the start of another.
                sb.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }
        if (sb.Length <= MaxSegment)
        {
            return sb.ToString();
        }
        // Long ids keep a readable head and are told apart by a hash of the whole id ("%~" never occurs in an escape).
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return sb.ToString(0, MaxSegment - hash.Length - 2) + "%~" + hash;
    }

    // Stable across processes and platforms (string.GetHashCode is randomised per process).
    public static int Bucket(string id, int buckets)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (int)(BitConverter.ToUInt32(hash, 0) % (uint)buckets);
    }

    // Largest-first order for row keys: 0 sorts before 1.
    public static string Inverted(long value) => (long.MaxValue - value).ToString("D19", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString("D15", CultureInfo.InvariantCulture);

    // The smallest string greater than every key that starts with the prefix (`|` + 1 is `}`).
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // Post ids are "{conversation}|{slot}|{n}" (RoundPost.IdFor); the conversation names the partition.
    public static string? ConversationOfPost(string postId)
    {
        var last = postId.LastIndexOf('|');
        var slot = last > 0 ? postId.LastIndexOf('|', last - 1) : -1;
        return slot > 0 ? postId[..slot] : null;
    }
}
