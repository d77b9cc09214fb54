namespace QuizBot.Templating;

// A template QuizBot cannot bind: thrown at load with the file, the place in it and the expression, so a bad
// template stops the service at start-up instead of breaking one card for one person later.
internal sealed class CardTemplateException(string message) : Exception(message)
{
    public static CardTemplateException At(string template, string where, string? expression, string reason) =>
        new($"Card template '{template}' at {where}: {reason}" + (expression is null ? "" : $" (in \"{expression}\")"));
}
