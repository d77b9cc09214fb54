using QuizBot.Quizzes;

namespace QuizBot.Storage;

// Self-paced sessions: one active session per person, its answers insert-only.
internal interface ISessionStore
{
    Task<QuizSession?> GetActiveSessionAsync(string userKey, CancellationToken ct);

    Task<QuizSession?> GetSessionAsync(string sessionId, CancellationToken ct);

    // Starts a session and abandons any other active session of the same person.
    Task StartSessionAsync(QuizSession session, CancellationToken ct);

    // Inserts the answer and advances the session in one step; completes it after the last question.
    Task<SessionAnswerWrite> AddSessionAnswerAsync(SessionAnswer answer, int questionCount, CancellationToken ct);

    Task<IReadOnlyList<SessionAnswer>> GetSessionAnswersAsync(string sessionId, CancellationToken ct);
}
