using System.Globalization;
using System.Text;

namespace QuizBot.Storage.Tables;

// How many members of a board have each number of points, kept in the board's "meta" row. Table Storage cannot
// count, so this is what makes a rank (1 + members with more points) and the member count one point read.
// Distinct point values stay few (at most one more per question ever posted), so the row stays small.
internal sealed class BoardHistogram
{
    private readonly SortedDictionary<int, int> _counts = [];

    public int Members => _counts.Values.Sum();

    public static BoardHistogram Parse(string? text)
    {
        var h = new BoardHistogram();
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            h._counts[int.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture)] = int.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }
        return h;
    }

    public void Move(int? from, int to)
    {
        if (from is { } f)
        {
            Remove(f);
        }
        _counts[to] = _counts.GetValueOrDefault(to) + 1;
    }

    // A member leaves the board (a revision took away the only answer they had in its period).
    public void Remove(int points)
    {
        if (_counts.TryGetValue(points, out var n))
        {
            if (n <= 1)
            {
                _counts.Remove(points);
            }
            else
            {
                _counts[points] = n - 1;
            }
        }
    }

    public int Above(int points) => _counts.Where(c => c.Key > points).Sum(c => c.Value);

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (points, count) in _counts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{points}:{count};");
        }
        return sb.ToString();
    }
}
