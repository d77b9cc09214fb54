namespace QuizBot.Storage;

// The store could not serve a call past its own retries (an outage, a timeout, a lock held too long, contention).
// The step wrote all of its changes or none, so the caller may simply try again later. Each store decides which of
// its provider's failures mean this (SqliteQuizStore.IsUnavailable, TableQuizStore.IsUnavailable); nothing outside
// Storage/ needs to know a provider's exception types: catch this.
internal sealed class StoreUnavailableException(string operation, string provider, Exception innerException)
    : Exception($"The {provider} store could not serve {operation} just now: {innerException.Message}", innerException)
{
    public string Operation { get; } = operation;
}
