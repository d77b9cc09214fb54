using QuizBot.Quizzes.Banks;

namespace QuizBot.Chat;

// The bank import as chat uses it: which files it reads, and the import itself. A seam so the channel side (who may
// send, downloads, limits, replies) is tested on its own; LibraryImports is the real one.
internal interface IBankImports
{
    // Null: QuizBot reads no bank format from a file with this name.
    BankFormat? FormatOf(string fileName);

    // Throws BankFormatException (naming the file and line) and stores nothing when the file is broken.
    Task<BankImportResult> ImportAsync(byte[] content, string fileName, BankFormat format, CancellationToken ct);
}

internal sealed class LibraryImports(BankLibrary library) : IBankImports
{
    public BankFormat? FormatOf(string fileName) => BankFiles.FormatOf(fileName);

    public Task<BankImportResult> ImportAsync(byte[] content, string fileName, BankFormat format, CancellationToken ct) =>
        library.ImportAsync(content, fileName, format, id: null, ct);
}
