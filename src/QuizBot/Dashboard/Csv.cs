using System.Text;

namespace QuizBot.Dashboard;

// RFC 4180 text: CRLF between records, a field quoted when it holds a comma, a quote or a line break, quotes doubled.
// A field a spreadsheet would run as a formula (= + - @, or a leading tab or CR) gets a leading apostrophe: names and
// question texts come from users, and an export is opened in Excel.
internal static class Csv
{
    public static string Write(IEnumerable<IReadOnlyList<string>> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            for (var i = 0; i < record.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                text.Append(Field(record[i]));
            }
            text.Append("\r\n");
        }
        return text.ToString();
    }

    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
