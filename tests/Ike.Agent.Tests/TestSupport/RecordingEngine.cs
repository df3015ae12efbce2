using System.Net;
using Ike.Engine.Api;

namespace Ike.Agent.Tests.TestSupport;

/// <summary>
/// An <see cref="IIkeEngine"/> that negotiates nothing: it records every call (as text, in order), keeps the loaded
/// configs so a test can check their keys, and answers as the test scripts it. It exists only in the test project.
/// </summary>
internal sealed class RecordingEngine : IIkeEngine
{
    private readonly Lock gate = new();
    private readonly List<string> calls = [];
    private readonly Dictionary<string, ConnectionConfig> loaded = new(StringComparer.Ordinal);
    private readonly List<IkeSaSnapshot> sas = [];

    public static readonly DateTimeOffset EstablishedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>What an initiate does; by default it succeeds and lists an established SA for the connection.</summary>
    public Func<string, CancellationToken, Task<NegotiationResult>> OnInitiate { get; set; }

    public Func<string, IPAddress, IPAddress, TimeSpan, CancellationToken, Task<ProbeResult>> OnProbe { get; set; } =
        (_, _, _, _, _) => Task.FromResult(new ProbeResult(true, TimeSpan.FromMilliseconds(1.25), "echo reply seq 1"));

    public Func<string, CancellationToken, Task> OnTerminate { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>A connection name the engine refuses to load (as it will refuse IKEv1 until that engine exists).</summary>
    public string? Refuse { get; set; }

    public bool Disposed { get; private set; }

    /// <summary>The transport the factory built for this engine; released with the engine, as IkeEngine does.</summary>
    public IDatagramTransport? Transport { get; set; }

    public RecordingEngine() => OnInitiate = (name, _) =>
    {
        AddSa(Snapshot(name));
        return Task.FromResult(NegotiationResult.Success);
    };

    public IReadOnlyList<string> Calls
    {
        get { lock (gate) return [.. calls]; }
    }

    public ConnectionConfig Config(string name)
    {
        lock (gate) return loaded[name];
    }

    public IReadOnlyList<string> Connections
    {
        get { lock (gate) return [.. loaded.Keys.Order(StringComparer.Ordinal)]; }
    }

    public event Action<EngineEvent>? EventRaised;

    public void Raise(EngineEvent e) => EventRaised?.Invoke(e);

    public int Subscribers => EventRaised?.GetInvocationList().Length ?? 0;

    public void AddSa(IkeSaSnapshot sa)
    {
        lock (gate) sas.Add(sa);
    }

    public void LoadConnection(ConnectionConfig connection)
    {
        Record($"load {connection.Name}");
        if (connection.Name == Refuse) throw new NotSupportedException($"{connection.Name}: IKEv1 is not supported yet");
        lock (gate) loaded[connection.Name] = connection;
    }

    public Task<bool> UnloadConnectionAsync(string name, CancellationToken ct = default)
    {
        Record($"unload {name}");
        lock (gate)
        {
            sas.RemoveAll(sa => sa.Connection == name);
            return Task.FromResult(loaded.Remove(name));
        }
    }

    public Task<NegotiationResult> InitiateAsync(string name, CancellationToken ct = default)
    {
        Record($"initiate {name}");
        return OnInitiate(name, ct);
    }

    public async Task TerminateAsync(string name, CancellationToken ct = default)
    {
        Record($"terminate {name}");
        await OnTerminate(name, ct);
        lock (gate) sas.RemoveAll(sa => sa.Connection == name);
    }

    public IReadOnlyList<IkeSaSnapshot> ListSas()
    {
        lock (gate) return [.. sas];
    }

    public Task<ProbeResult> ProbeAsync(string name, IPAddress source, IPAddress destination, TimeSpan timeout, CancellationToken ct = default)
    {
        Record($"probe {name} {source} {destination} {timeout.TotalSeconds}s");
        return OnProbe(name, source, destination, timeout, ct);
    }

    public async ValueTask DisposeAsync()
    {
        Record("dispose");
        Disposed = true;
        if (Transport is not null) await Transport.DisposeAsync();
    }

    private void Record(string call)
    {
        lock (gate) calls.Add(call);
    }

    public static IkeSaSnapshot Snapshot(string connection) => new(
        connection, "ESTABLISHED", Initiator: true, IkeProtocol.Ikev2,
        InitiatorSpi: 0x0123456789abcdef, ResponderSpi: 0xfedcba9876543210,
        Local: new IPEndPoint(IPAddress.Parse("127.0.0.1"), 15500), Remote: new IPEndPoint(IPAddress.Parse("127.0.0.2"), 25500),
        LocalId: "peer-a.lab.test", RemoteId: "peer-b.lab.test",
        Algorithms: "aes256/sha256/prfsha256/modp2048", NatDetected: true, EstablishedAt: EstablishedAt,
        RekeyAt: EstablishedAt.AddSeconds(3600),
        Children:
        [
            new ChildSaSnapshot(connection, "INSTALLED", InboundSpi: 0xc7a6e3f9, OutboundSpi: 0x0000b0a1, "aes128/sha256",
                UdpEncapsulated: true, LocalTs: ["10.0.0.0/24"], RemoteTs: ["10.1.0.0/24"], InstalledAt: EstablishedAt,
                RekeyAt: null, BytesIn: 840, BytesOut: 1260, PacketsIn: 10, PacketsOut: 15),
        ]);
}
