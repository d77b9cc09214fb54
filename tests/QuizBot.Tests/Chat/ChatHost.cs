using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QuizBot.Chat;
using QuizBot.Quizzes;
using QuizBot.Quizzes.Banks;
using QuizBot.Storage;
using QuizBot.Tests.Support;

namespace QuizBot.Tests.Chat;

// Chat/ on its own: the real engine on a real SQLite file, a fake clock, and a channel that records what it was asked
// to post and update. No HTTP and no platform: what passes here holds for every channel.
internal sealed class ChatHost : IDisposable
{
    public const string Channel = "test";
    private readonly TempDir _dir = new();
    private readonly ServiceProvider _services;

    public ChatHost(params string[] configuredAdmins)
        : this(new Dictionary<string, string?>(), configuredAdmins)
    {
    }

    public ChatHost(Dictionary<string, string?> extraSettings, params string[] configuredAdmins)
        : this(extraSettings, null, configuredAdmins)
    {
    }

    // configure: registrations after the engine's own, to wrap or replace a part (a store that fails on demand).
    public ChatHost(Dictionary<string, string?> extraSettings, Action<IServiceCollection>? configure, params string[] configuredAdmins)
    {
        // A host may be handed another host's database: a restart on the same store.
        var settings = new Dictionary<string, string?>(extraSettings);
        settings.TryAdd("Storage:Sqlite:Path", _dir.File("quizbot.db"));
        for (var i = 0; i < configuredAdmins.Length; i++)
        {
            settings[$"QuizBot:Admins:{i}"] = configuredAdmins[i];
        }
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddQuizEngine().AddQuizStore().AddChat();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IChatOutbound>(Outbound);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        // The one hosted service the engine cannot work without: seeding the banks into the store and the catalog.
        Get<IEnumerable<IHostedService>>().OfType<BankStartup>().Single().StartAsync(default).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    public RecordingOutbound Outbound { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static Participant Person(string id, string name) => new(ChatKeys.User(Channel, id), name, [id]);

    public static string Conversation(string id) => ChatKeys.Conversation(Channel, id);

    public Task<ChatReply> SayAsync(Participant who, string conversation, string text, params Participant[] mentioned) =>
        Get<ChatBot>().HandleAsync(new ChatTurn(Channel, conversation, who, new TurnInput.Command(ChatCommand.Parse(text), mentioned)),
            "address-of-" + conversation, default);

    public Task<ChatReply> ClickAsync(Participant who, string conversation, CardAction action) =>
        Get<ChatBot>().HandleAsync(new ChatTurn(Channel, conversation, who, new TurnInput.Action(action)), "address-of-" + conversation, default);

    public Task TickAsync() => Get<RoundPublisher>().TickAsync(default);

    public void Dispose()
    {
        _services.Dispose();
        _dir.Dispose();
    }
}

// The outbound port as a channel would see it: each post and update, in order, and failures on demand.
internal sealed class RecordingOutbound : IChatOutbound
{
    private int _next;

    public ConcurrentQueue<(string Kind, string Address, string? MessageId, ChatView View)> Calls { get; } = new();

    // When set, every send throws this (a channel refusing the conversation).
    public DeliveryFailedException? Failure { get; set; }

    // Faults of one conversation's endpoint, by address and kind ("post", "update"): what a channel does when that
    // conversation's service is unreachable, hangs, or the send breaks in a way the channel did not foresee.
    public ConcurrentDictionary<(string Address, string Kind), ChannelFault> Faults { get; } = new();

    // Every send tried, faulty or not, in order.
    public ConcurrentQueue<(string Kind, string Address)> Attempts { get; } = new();

    public bool Owns(string channel) => channel == ChatHost.Channel;

    public int PersonalViewLimit => 3;

    public async Task<string?> PostAsync(string address, ChatView view, CancellationToken ct)
    {
        await FaultAsync("post", address, ct);
        if (Failure is { } failure)
        {
            throw failure;
        }
        var id = $"m{Interlocked.Increment(ref _next)}";
        Calls.Enqueue(("post", address, id, view));
        return id;
    }

    public async Task UpdateAsync(string address, string messageId, ChatView view, CancellationToken ct)
    {
        await FaultAsync("update", address, ct);
        if (Failure is { } failure)
        {
            throw failure;
        }
        Calls.Enqueue(("update", address, messageId, view));
    }

    // MessageId holds the person told.
    public async Task TellAsync(string address, string userKey, ChatView view, CancellationToken ct)
    {
        await FaultAsync("tell", address, ct);
        if (Failure is { } failure)
        {
            throw failure;
        }
        Calls.Enqueue(("tell", address, userKey, view));
    }

    public int AttemptsOf(string kind, string address) => Attempts.Count(a => a == (kind, address));

    private async Task FaultAsync(string kind, string address, CancellationToken ct)
    {
        Attempts.Enqueue((kind, address));
        switch (Faults.GetValueOrDefault((address, kind)))
        {
            case ChannelFault.Refuse:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (quiz.example:443)",
                    new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            case ChannelFault.Hang:
                // Accepts and never answers: only the caller's deadline ends it (and a channel that ignored the token
                // would hang for good, which the caller must survive too).
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                break;
            case ChannelFault.Throttle:
                // What an adapter reports once its own retries of 429/5xx are spent.
                throw new DeliveryFailedException("The Bot Connector answered 429", gone: false);
            case ChannelFault.Break:
                throw new InvalidOperationException("Sequence contains no elements");
        }
    }

    public IReadOnlyList<T> Views<T>() where T : ChatView => [.. Calls.Select(c => c.View).OfType<T>()];
}

public enum ChannelFault
{
    None,
    Refuse,
    Hang,
    Throttle,
    Break,
}
