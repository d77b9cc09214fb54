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
// file and line (BankFormatException.AtLine) and say what to fix.
internal static class BankFiles
{
    // The largest bank file read, in any format.
    public const int MaxBytes = 16 * 1024 * 1024;

    // The format a file name's extension says (.json, .txt/.aiken, .gift, .csv/.tsv, .xlsx), or null.
    public static BankFormat? FormatOf(string fileName) => throw new NotImplementedException();

    // id: the bank id to use (formats without one take it from the file name); fileName names the source in errors.
    public static BankImport Read(byte[] content, string fileName, BankFormat format, string? id = null) => format switch
    {
        BankFormat.Json => new BankImport(BankLoader.Parse(content, fileName) is var b && id is not null ? b with { Id = id } : b, []),
        _ => throw new NotImplementedException(),
    };

    // Json, Gift and Csv; reading the bytes back gives the same questions.
    public static byte[] Write(QuestionBank bank, BankFormat format) => throw new NotImplementedException();
}
