namespace QuizBot.Storage;

// Everything QuizBot keeps, as the ports its consumers take one by one. Two real implementations: SQLite (embedded
// default) and Azure Table Storage. Answers are insert-only: a second answer for the same key is reported, never
// written over. A call the store cannot serve past its own retries throws StoreUnavailableException.
internal interface IQuizStore : ISessionStore, IRoundStore, IBoardStore, IConversationStore, IInstallStore, IDeliveryStore, IBankStore,
    IReviewStore, IDisputeStore, IIdentityLinkStore
{
    // Called once before anything serves requests: SQLite has migrated in its constructor, Table Storage creates its tables.
    Task InitializeAsync(CancellationToken ct);

    // The cheapest call that proves the store answers (readiness).
    Task PingAsync(CancellationToken ct);
}
