namespace QuizBot.Quizzes.Banks;

internal enum BankFormat
{
    Json,
    Aiken,
    Gift,
    Csv,
    Xlsx,
}

// A part of a file that was read but not turned into a question (a GIFT essay question, a Kahoot row with two right
// answers), with the line (or spreadsheet row) it starts on and why.
internal sealed record SkippedItem(int Line, string Reason);

internal sealed record BankImport(QuestionBank Bank, IReadOnlyList<SkippedItem> Skipped);

// Reads and writes question banks in the formats trainers already have. Errors are BankFormatExceptions that name the
// file and line (BankFormatException.AtLine) and say what to fix. docs/banks.md describes every format.
internal static class BankFiles
{
    public const int MaxBytes = BankLoader.MaxBytes;

    // The format a file name's extension says (.json, .txt/.aiken, .gift, .csv/.tsv, .xlsx), or null.
    public static BankFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".json" => BankFormat.Json,
        ".txt" or ".aiken" => BankFormat.Aiken,
        ".gift" => BankFormat.Gift,
        ".csv" or ".tsv" => BankFormat.Csv,
        ".xlsx" => BankFormat.Xlsx,
        _ => null,
    };

    // id: the bank id to use (formats without one take it from the file name); fileName names the source in errors.
    public static BankImport Read(byte[] content, string fileName, BankFormat format, string? id = null)
    {
        var source = Path.GetFileName(fileName);
        if (content.Length > MaxBytes)
        {
            throw new BankFormatException(source, null, null, $"the file is {content.Length:N0} bytes; at most {MaxBytes:N0} (16 MiB) are allowed, so split it into several banks");
        }
        if (format == BankFormat.Json)
        {
            var bank = BankLoader.Parse(content, source);
            if (id is not null)
            {
                BankAssembler.CheckBankId(id, source);
                bank = bank with { Id = id };
            }
            return new BankImport(bank, []);
        }
        var bankId = BankAssembler.BankId(id, source);
        return format switch
        {
            BankFormat.Aiken => AikenFormat.Read(BankText.Decode(content, source), source, bankId),
            BankFormat.Gift => GiftFormat.Read(BankText.Decode(content, source), source, bankId),
            BankFormat.Csv => CsvFormat.Read(BankText.Decode(content, source), source, bankId),
            BankFormat.Xlsx => XlsxFormat.Read(content, source, bankId),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a bank format"),
        };
    }

    // Json, Gift and Csv; reading the bytes back gives the same questions.
    public static byte[] Write(QuestionBank bank, BankFormat format) => format switch
    {
        BankFormat.Json => BankLoader.Write(bank),
        BankFormat.Gift => GiftFormat.Write(bank),
        BankFormat.Csv => CsvFormat.Write(bank),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "QuizBot writes banks as JSON, GIFT or CSV"),
    };
}
