namespace QuizBot.Tests.Support;

internal static class Repo
{
    // Tests read the checked-in banks, cards and tools, wherever the test binary was built.
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "QuizBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("QuizBot.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("quizbot-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing host is not worth failing a test over.
        }
    }
}
