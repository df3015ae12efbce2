using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Timing;
using Ike.Engine.Transport;
using Interop.Tests.Peers;

namespace Interop.Tests.Ikev2;

/// <summary>
/// Our engine on real UDP sockets facing one real charon on loopback. The engine: 127.0.0.1, IKE 15500, NAT-T 14500.
/// charon: 127.0.0.2 (scope global, so kernel-libipsec can use it), IKE 25500, NAT-T 24500. Neither uses port 500,
/// so every IKE packet carries the non-ESP marker (RFC 3948 §2.2), and kernel-libipsec makes charon fake NAT-D, so
/// both ends float and ESP goes in UDP.
/// </summary>
public sealed class EngineInterop : IAsyncDisposable
{
    public const string EngineAddress = "127.0.0.1";
    public const string SwanAddress = "127.0.0.2";
    public const int EngineIkePort = 15500;
    public const int EngineNatTPort = 14500;
    public const int SwanIkePort = 25500;
    public const int SwanNatTPort = 24500;
    public const string EngineId = "engine.lab.test";
    public const string SwanId = "swan.lab.test";
    public const string Psk = "interop-psk-0123456789abcdef";

    private EngineInterop(LoopbackAddresses addresses, StrongSwanPeer swan, UdpDatagramTransport transport, IkeEngine engine)
    {
        Addresses = addresses;
        Swan = swan;
        Transport = transport;
        Engine = engine;
        Engine.EventRaised += e =>
        {
            lock (Events)
            {
                Events.Add(e);
            }
        };
    }

    public LoopbackAddresses Addresses { get; }

    public StrongSwanPeer Swan { get; }

    public UdpDatagramTransport Transport { get; }

    public IkeEngine Engine { get; }

    public List<EngineEvent> Events { get; } = [];

    /// <summary>Our engine's log (debug level).</summary>
    public TestLoggerFactory Log { get; private init; } = new();

    /// <summary>Both logs' tails, for assertion messages.</summary>
    public string Describe(int lines = 60) => $"{Swan.Describe(lines)}\n{Log.Describe(lines)}";

    /// <summary>Retransmission as fast as charon's in the fixture (1 s, ×1.4, 3 tries) so failures end quickly. Rekeys
    /// start at 55-60 % of a lifetime rather than 85-90 %: the rekey tests use lifetimes of 5-6 s, and with the default
    /// margin a first (JIT-cold) PFS rekey on a loaded 2-core CI machine could lose the race against the hard expiry.</summary>
    public static IkeTimingOptions Timing { get; } = new()
    {
        RetransmitTimeout = TimeSpan.FromSeconds(1), RetransmitBase = 1.4, RetransmitTries = 3, RekeyMarginFraction = 0.4,
    };

    public static async Task<EngineInterop> StartAsync(IEnumerable<SwanConnection> swanConnections, string name = "swan", string extraCharonSettings = "", int logLevel = 1,
        string[]? extraAddresses = null)
    {
        PeerEnvironment.SkipUnlessAvailable();
        LoopbackAddresses addresses = await LoopbackAddresses.AddAsync([SwanAddress, .. extraAddresses ?? []]);
        StrongSwanPeer? swan = null;
        try
        {
            swan = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
            {
                Name = name,
                IkePort = SwanIkePort,
                NatTraversalPort = SwanNatTPort,
                SwanctlConf = SwanConnection.Render(swanConnections),
                LogLevel = logLevel,
                ExtraCharonSettings = extraCharonSettings,
            });
            var transport = new UdpDatagramTransport([
                new IPEndPoint(IPAddress.Parse(EngineAddress), EngineIkePort),
                new IPEndPoint(IPAddress.Parse(EngineAddress), EngineNatTPort)]);
            var log = new TestLoggerFactory();
            var engine = new IkeEngine(transport, new IkeEngineOptions { Timing = Timing, LoggerFactory = log });
            return new EngineInterop(addresses, swan, transport, engine) { Log = log };
        }
        catch
        {
            if (swan is not null)
            {
                await swan.DisposeAsync();
            }

            await addresses.DisposeAsync();
            throw;
        }
    }

    /// <summary>Our side of <paramref name="swan"/>: the mirror image of its selectors, identities and algorithms.</summary>
    public static ConnectionConfig EngineConfig(string name, string ike, string esp, string? pfs, string[] localSubnets, string[] remoteSubnets,
        string psk = Psk, string localId = EngineId, string remoteId = SwanId, DpdConfig? dpd = null, TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null)
    {
        string[] ikeParts = ike.Split('/');
        string[] espParts = esp.Split('/');
        return new ConnectionConfig(
            name, IkeProtocol.Ikev2,
            new IPEndPoint(IPAddress.Parse(EngineAddress), EngineIkePort),
            new IPEndPoint(IPAddress.Parse(SwanAddress), SwanIkePort),
            localId, remoteId, new PreSharedKey(psk),
            new IkeProposalConfig(ikeParts[0], ikeParts[1], ikeParts[2]),
            new ChildProposalConfig(espParts[0], espParts[1], pfs),
            [.. localSubnets.Select(Subnet.Parse)], [.. remoteSubnets.Select(Subnet.Parse)],
            ikeLifetime ?? TimeSpan.FromHours(24), childLifetime ?? TimeSpan.FromHours(8), dpd, NatTraversal: true, StartAction.None);
    }

    public List<EngineEvent> EventsOf(EngineEventType type)
    {
        lock (Events)
        {
            return [.. Events.Where(e => e.Type == type)];
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, at most <paramref name="limit"/> (a bound on waiting).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }

    public static Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit) => EventuallyAsync(() => Task.FromResult(condition()), limit);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Swan.DisposeAsync();
        await Addresses.DisposeAsync();
    }
}
