using Microsoft.Extensions.Options;

namespace QuizBot.Quizzes;

// Checked at start-up: an admin list with a hole in it is a deployment mistake (an environment variable set to
// nothing), and silently ignoring it would leave someone without the rights they were meant to have.
internal sealed class QuizBotOptionsValidator : IValidateOptions<QuizBotOptions>
{
    public ValidateOptionsResult Validate(string? name, QuizBotOptions o) =>
        o.Admins.Any(string.IsNullOrWhiteSpace)
            ? ValidateOptionsResult.Fail("QuizBot:Admins has an empty entry (say, QuizBot__Admins__1 set to nothing): give it a user id " +
                "(from.id or from.aadObjectId, e.g. 29:1abc…) or remove it.")
            : ValidateOptionsResult.Success;
}
