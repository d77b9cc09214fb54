using QuizBot.Quizzes;

namespace QuizBot.Storage;

// Question banks, versioned: a bank is never changed in place; an import stores its id's next version, and what was
// started on a version (a session, a post) keeps reading that version.
internal interface IBankStore
{
    // Stores the bank as its id's next version, unless its questions equal the latest version's (Unchanged, nothing
    // written). Two writers racing on one id each get a version of their own or Unchanged; none is lost.
    Task<BankVersionWrite> AddBankVersionAsync(QuestionBank bank, DateTimeOffset importedAt, CancellationToken ct);

    // The latest version of every bank, by id.
    Task<IReadOnlyList<StoredBankInfo>> ListBanksAsync(CancellationToken ct);

    // One version (null: the latest), or null when there is no such bank or version.
    Task<QuestionBank?> GetBankAsync(string bankId, int? version, CancellationToken ct);
}

internal sealed record BankVersionWrite(int Version, bool Unchanged);

internal sealed record StoredBankInfo(string Id, int Version, string Title, int Questions, DateTimeOffset ImportedAt);
