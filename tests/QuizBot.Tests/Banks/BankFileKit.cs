using System.Text;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;

namespace QuizBot.Tests.Banks;

// Reads a bank file from text the way an admin's import does (BankFiles.Read, the format from the name).
internal static class BankFileKit
{
    public static BankImport Read(string text, string fileName, string? id = null) => Read(Encoding.UTF8.GetBytes(text), fileName, id);

    public static BankImport Read(byte[] content, string fileName, string? id = null) =>
        BankFiles.Read(content, fileName, BankFiles.FormatOf(fileName) ?? throw new ArgumentException(fileName), id);

    // The refusal of a broken file: it names the file and line, and says what to fix.
    public static BankFormatException Refused(string text, string fileName) => Refused(Encoding.UTF8.GetBytes(text), fileName);

    public static BankFormatException Refused(byte[] content, string fileName)
    {
        var e = Assert.Throws<BankFormatException>(() => Read(content, fileName));
        Assert.StartsWith(fileName, e.Message, StringComparison.Ordinal);
        return e;
    }
}
