using QuizBot.Quizzes;

namespace QuizBot.Storage;

// Everything QuizBot keeps. Two real implementations: SQLite (embedded default) and Azure Table Storage.
// Answers are insert-only: a second answer for the same key is reported, never written over.
internal interface IQuizStore
{
    Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct);

    Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct);

    // Starts a session and abandons any other active session of the same person.
    Task StartSessionAsync(QuizSession session, CancellationToken ct);

    // Inserts the answer and advances the session in one step; completes it after the last question.
    Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct);

    Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct);
}
