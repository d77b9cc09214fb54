using System.Globalization;
using QuizBot.Storage;

namespace QuizBot.Quizzes.Banks;

// `QuizBot banks ...`: imports, lists and exports banks on the configured store (the same settings the service runs
// with), without starting the service. Exit codes: 0 done, 1 the file or bank was refused, 2 the command was wrong.
internal static class BankCommandLine
{
    public const string Usage = """
        Usage:
          banks import <file> [--id <id>] [--format json|aiken|gift|csv|xlsx]
          banks list
          banks export <id> --format json|gift|csv [--version <n>] [--out <file>]
        The format is taken from the file name when --format is not given (.json, .txt or .aiken, .gift, .csv or .tsv, .xlsx).
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "banks";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!TryParse(args, out var verb, out var positional, out var options, out var problem))
        {
            await error.WriteLineAsync($"{problem}\n{Usage}");
            return 2;
        }
        await services.GetRequiredService<IQuizStore>().InitializeAsync(ct);
        var library = services.GetRequiredService<BankLibrary>();
        try
        {
            return verb switch
            {
                "import" => await ImportAsync(library, positional, options, output, error, ct),
                "list" => await ListAsync(library, output, ct),
                _ => await ExportAsync(library, positional, options, output, error, ct),
            };
        }
        catch (BankFormatException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }
    }

    private static async Task<int> ImportAsync(BankLibrary library, List<string> positional, Dictionary<string, string> options, TextWriter output,
        TextWriter error, CancellationToken ct)
    {
        var path = positional[0];
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"There is no file '{path}'.");
            return 1;
        }
        if (new FileInfo(path).Length > BankFiles.MaxBytes)
        {
            await error.WriteLineAsync($"{Path.GetFileName(path)} is larger than {BankFiles.MaxBytes / (1024 * 1024)} MiB.");
            return 1;
        }
        var result = await library.ImportAsync(await File.ReadAllBytesAsync(path, ct), Path.GetFileName(path), Format(options),
            options.GetValueOrDefault("id"), ct);
        await output.WriteLineAsync(result.Unchanged
            ? $"{result.Bank.Title} ({result.Bank.Id}) is unchanged: version {result.Version} already holds these {result.Bank.Questions.Count} questions."
            : $"Imported {result.Bank.Title} ({result.Bank.Id}) as version {result.Version}: {result.Bank.Questions.Count} questions, {result.Skipped.Count} skipped.");
        foreach (var skipped in result.Skipped)
        {
            await output.WriteLineAsync($"  skipped line {skipped.Line}: {skipped.Reason}");
        }
        return 0;
    }

    private static async Task<int> ListAsync(BankLibrary library, TextWriter output, CancellationToken ct)
    {
        var banks = await library.ListAsync(ct);
        if (banks.Count == 0)
        {
            await output.WriteLineAsync("The store holds no banks yet.");
            return 0;
        }
        var width = Math.Max(2, banks.Max(b => b.Id.Length));
        await output.WriteLineAsync($"{"id".PadRight(width)}  version  questions  imported (UTC)     title");
        foreach (var b in banks)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{b.Id.PadRight(width)}  {b.Version,7}  {b.Questions,9}  {b.ImportedAt.UtcDateTime:yyyy-MM-dd HH:mm}   {b.Title}"));
        }
        return 0;
    }

    private static async Task<int> ExportAsync(BankLibrary library, List<string> positional, Dictionary<string, string> options, TextWriter output,
        TextWriter error, CancellationToken ct)
    {
        var format = Format(options) ?? throw new UsageException("Say which format to export: --format json, gift or csv.");
        if (format is BankFormat.Aiken or BankFormat.Xlsx)
        {
            throw new UsageException("Banks export to json, gift or csv.");
        }
        int? version = null;
        if (options.TryGetValue("version", out var v))
        {
            version = int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new UsageException($"--version takes a version number (1, 2, ...), not '{v}'.");
        }
        var bytes = await library.ExportAsync(positional[0], version, format, ct);
        if (bytes is null)
        {
            await error.WriteLineAsync(version is null ? $"There is no bank '{positional[0]}'." : $"Bank '{positional[0]}' has no version {version}.");
            return 1;
        }
        if (options.TryGetValue("out", out var path))
        {
            await File.WriteAllBytesAsync(path, bytes, ct);
        }
        else
        {
            // Every format a bank exports to is UTF-8 text.
            await output.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes));
        }
        return 0;
    }

    private static BankFormat? Format(Dictionary<string, string> options) =>
        !options.TryGetValue("format", out var f) ? null
        : Enum.TryParse<BankFormat>(f, ignoreCase: true, out var format) && !int.TryParse(f, CultureInfo.InvariantCulture, out _) ? format
        : throw new UsageException($"'{f}' is not a format; use json, aiken, gift, csv or xlsx.");

    private static bool TryParse(string[] args, out string verb, out List<string> positional, out Dictionary<string, string> options, out string problem)
    {
        verb = args.Length > 1 ? args[1] : "";
        positional = [];
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = "";
        string[] allowed = verb switch
        {
            "import" => ["id", "format"],
            "list" => [],
            "export" => ["format", "version", "out"],
            _ => [],
        };
        if (verb is not ("import" or "list" or "export"))
        {
            problem = verb.Length == 0 ? "Say what to do with banks." : $"'{verb}' is not a banks command.";
            return false;
        }
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                if (!allowed.Contains(name))
                {
                    problem = $"banks {verb} has no option --{name}.";
                    return false;
                }
                if (i + 1 >= args.Length)
                {
                    problem = $"--{name} needs a value.";
                    return false;
                }
                options[name] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        var expected = verb == "list" ? 0 : 1;
        if (positional.Count != expected)
        {
            problem = verb switch
            {
                "import" => "banks import takes one file.",
                "export" => "banks export takes one bank id.",
                _ => "banks list takes no arguments.",
            };
            return false;
        }
        return true;
    }

    private sealed class UsageException(string message) : Exception(message);
}
