using System.Globalization;

namespace QuizBot.Bench;

// The one machine-readable line a run ends with: space-separated key=value pairs, in the order they were added.
internal sealed class BenchLine
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public BenchLine Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public BenchLine Add(string key, double value, string format = "0.0") => Add(key, value.ToString(format, CultureInfo.InvariantCulture));

    public BenchLine Add(string key, string value)
    {
        if (key.Contains(' ', StringComparison.Ordinal) || value.Contains(' ', StringComparison.Ordinal) || key.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}={value}' would not parse back.");
        }
        _pairs.Add(new(key, value));
        return this;
    }

    public string this[string key] => _pairs.First(p => p.Key == key).Value;

    public IReadOnlyList<string> Keys => _pairs.Select(p => p.Key).ToList();

    public double Number(string key) => double.Parse(this[key], CultureInfo.InvariantCulture);

    public override string ToString() => string.Join(' ', _pairs.Select(p => $"{p.Key}={p.Value}"));

    public static BenchLine Parse(string line)
    {
        var parsed = new BenchLine();
        foreach (var pair in line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{pair}' is not key=value.");
            }
            parsed.Add(pair[..eq], pair[(eq + 1)..]);
        }
        return parsed;
    }
}
