using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Storage;
using QuizBot.Tests.Chat;

namespace QuizBot.Tests.Rounds;

// One service process for the claim tests: the real engine on a SQLite file it may share with a later process (a
// restart after a crash), a clock that starts where the test says, turns that carry the channel's ids, and round-store
// calls that fail on demand as a locked or unreachable store does.
internal sealed class LeaseHost : IDisposable
{
    private readonly ChatHost _host;

    public LeaseHost(string database, DateTimeOffset start)
    {
        _host = new ChatHost(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = database },
            services => services.AddSingleton<IRoundStore>(sp => Faults.Over(sp.GetRequiredService<IQuizStore>())), "test:alice");
        _host.Time.SetUtcNow(start);
    }

    public FakeTimeProvider Time => _host.Time;

    public RecordingOutbound Outbound => _host.Outbound;

    public StoreFaults Faults { get; } = new();

    public static Participant Person(string id, string name) => ChatHost.Person(id, name);

    public static string Room => ChatHost.Conversation("room");

    public T Get<T>() where T : notnull => _host.Get<T>();

    public Task<ChatReply> SayAsync(Participant who, string text, string? turnId = null) =>
        Get<ChatBot>().HandleAsync(new ChatTurn(ChatHost.Channel, Room, who, new TurnInput.Command(ChatCommand.Parse(text), [])) { Id = turnId },
            Address, default);

    public Task<ChatReply> ClickAsync(Participant who, string postId, int choice, string? messageId) =>
        Get<ChatBot>().HandleAsync(new ChatTurn(ChatHost.Channel, Room, who, new TurnInput.Action(new CardAction.RoundAnswer(postId, choice)))
        {
            MessageId = messageId,
        }, Address, default);

    public Task TickAsync() => _host.TickAsync();

    public void Dispose() => _host.Dispose();

    private static string Address => "address-of-" + Room;
}

// Round-store calls by method name that fail the next n times (after letting `after` calls through), as the guarded
// store reports a store it cannot use.
internal sealed class StoreFaults
{
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentDictionary<string, int> _passes = new();

    public void Fail(string method, int times, int after = 0)
    {
        _passes[method] = after;
        _failures[method] = times;
    }

    public IRoundStore Over(IQuizStore store)
    {
        var proxy = DispatchProxy.Create<IRoundStore, FaultingRoundStore>();
        ((FaultingRoundStore)(object)proxy).Attach(store, this);
        return proxy;
    }

    internal bool TakeFailure(string method)
    {
        while (_passes.TryGetValue(method, out var passes) && passes > 0)
        {
            if (_passes.TryUpdate(method, passes - 1, passes))
            {
                return false;
            }
        }
        while (_failures.TryGetValue(method, out var left) && left > 0)
        {
            if (_failures.TryUpdate(method, left - 1, left))
            {
                return true;
            }
        }
        return false;
    }
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852", Justification = "DispatchProxy generates a subclass at run time.")]
internal class FaultingRoundStore : DispatchProxy
{
    private IRoundStore? _inner;
    private StoreFaults? _faults;

    internal void Attach(IRoundStore inner, StoreFaults faults) => (_inner, _faults) = (inner, faults);

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (_faults!.TakeFailure(method!.Name))
        {
            throw new StoreUnavailableException(method.Name, "test", new IOException("database is locked"));
        }
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
