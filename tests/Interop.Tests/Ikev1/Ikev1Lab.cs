using System.Net;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Interop.Tests.Ikev2;
using Interop.Tests.Peers;

namespace Interop.Tests.Ikev1;

/// <summary>
/// Our engine on real UDP sockets facing one real charon speaking IKEv1, on the addresses and ports of the IKEv2 lab
/// (<see cref="EngineInterop"/>): neither side uses port 500, so every ISAKMP packet carries the non-ESP marker
/// (RFC 3948 §2.2), and kernel-libipsec makes charon fake NAT-D, so both ends float and ESP goes in UDP.
/// </summary>
public sealed class Ikev1Lab : IAsyncDisposable
{
    private Ikev1Lab(LoopbackAddresses addresses, StrongSwanPeer swan, IkeEngine engine, TestLoggerFactory log)
    {
        Addresses = addresses;
        Swan = swan;
        Engine = engine;
        Log = log;
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

    public IkeEngine Engine { get; }

    public TestLoggerFactory Log { get; }

    public List<EngineEvent> Events { get; } = [];

    public string Describe(int lines = 60) => $"{Swan.Describe(lines)}\n{Log.Describe(lines)}";

    /// <summary>Our SA of <paramref name="connection"/> once its IPsec SA is installed. When charon initiates,
    /// <c>swanctl --initiate</c> returns as soon as charon sent quick mode's third message; we install on receiving it.</summary>
    public async Task<IkeSaSnapshot> OursWhenInstalledAsync(string connection, TimeSpan timeout)
    {
        bool installed = await EngineInterop.EventuallyAsync(
            () => Engine.ListSas().Any(sa => sa.Connection == connection && sa.State == "Established" && sa.Children.Count > 0), timeout);
        Xunit.Assert.True(installed, $"our IPsec SA of {connection} was not installed\n{Describe()}");
        return Xunit.Assert.Single(Engine.ListSas(), sa => sa.Connection == connection);
    }

    public static async Task<Ikev1Lab> StartAsync(IEnumerable<SwanV1Connection> connections, string name = "swan1", int logLevel = 1, string extraCharonSettings = "")
    {
        PeerEnvironment.SkipUnlessAvailable();
        LoopbackAddresses addresses = await LoopbackAddresses.AddAsync(EngineInterop.SwanAddress);
        StrongSwanPeer? swan = null;
        try
        {
            swan = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
            {
                Name = name,
                IkePort = EngineInterop.SwanIkePort,
                NatTraversalPort = EngineInterop.SwanNatTPort,
                SwanctlConf = SwanV1Connection.Render(connections),
                LogLevel = logLevel,
                ExtraCharonSettings = extraCharonSettings,
            });
            var transport = new UdpDatagramTransport([
                new IPEndPoint(IPAddress.Parse(EngineInterop.EngineAddress), EngineInterop.EngineIkePort),
                new IPEndPoint(IPAddress.Parse(EngineInterop.EngineAddress), EngineInterop.EngineNatTPort)]);
            var log = new TestLoggerFactory();
            var engine = new IkeEngine(transport, new IkeEngineOptions { Timing = EngineInterop.Timing, LoggerFactory = log });
            return new Ikev1Lab(addresses, swan, engine, log);
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

    /// <summary>Our side of <paramref name="swan"/>: its mirror image (identities, selectors, algorithms in API names).</summary>
    public static ConnectionConfig EngineConfig(SwanV1Connection swan, string ike, string esp, string? pfs = null, string? psk = null,
        DpdConfig? dpd = null, TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null, StartAction start = StartAction.None) =>
        EngineInterop.EngineConfig(swan.Name, ike, esp, pfs, [swan.RemoteTs], [swan.LocalTs], psk ?? swan.Psk, swan.RemoteId, swan.LocalId, dpd,
            ikeLifetime, childLifetime) with
        {
            Protocol = swan.Aggressive ? IkeProtocol.Ikev1Aggressive : IkeProtocol.Ikev1Main,
            StartAction = start,
        };

    public List<EngineEvent> EventsOf(EngineEventType type)
    {
        lock (Events)
        {
            return [.. Events.Where(e => e.Type == type)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Swan.DisposeAsync();
        await Addresses.DisposeAsync();
    }
}
