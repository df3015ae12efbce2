using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Timing;
using Ike.Engine.Transport;
using Ipsec.Crypto.Randomness;
using Microsoft.Extensions.Time.Testing;

namespace Ike.Engine.Tests.TestSupport;

/// <summary>
/// Two engines on an in-memory network with a fake clock (wireguard-go's two devices in memory): "a" at 10.0.0.1
/// protecting 10.1.0.0/24, "b" at 10.0.0.2 protecting 10.2.0.0/24, both on ports 500 and 4500. With
/// <see cref="InMemoryNetwork.Hold"/> a test steps the exchange one datagram at a time.
/// </summary>
internal sealed class EnginePair : IAsyncDisposable
{
    public const string Name = "tunnel";
    public static readonly IPAddress AddressA = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress AddressB = IPAddress.Parse("10.0.0.2");

    private EnginePair(InMemoryNetwork network, FakeTimeProvider time, IkeEngine a, IkeEngine b)
    {
        Network = network;
        Time = time;
        A = a;
        B = b;
        A.EventRaised += e => { lock (EventsA) { EventsA.Add(e); } };
        B.EventRaised += e => { lock (EventsB) { EventsB.Add(e); } };
    }

    public InMemoryNetwork Network { get; }

    public FakeTimeProvider Time { get; }

    public IkeEngine A { get; }

    public IkeEngine B { get; }

    public List<EngineEvent> EventsA { get; } = [];

    public List<EngineEvent> EventsB { get; } = [];

    public static IkeTimingOptions FastTiming { get; } = new() { RetransmitTimeout = TimeSpan.FromSeconds(1), RetransmitBase = 2, RetransmitTries = 3 };

    public static EnginePair Create(IkeTimingOptions? timing = null, bool forceEncapsulation = true, IkeTimingOptions? timingB = null,
        IRandomSource? randomA = null, IRandomSource? randomB = null)
    {
        var network = new InMemoryNetwork();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new IkeEngineOptions { TimeProvider = time, Timing = timing ?? FastTiming, ForceUdpEncapsulation = forceEncapsulation };
        var a = new IkeEngine(network.Attach(new IPEndPoint(AddressA, 500), new IPEndPoint(AddressA, 4500)), options with { Random = randomA });
        var b = new IkeEngine(network.Attach(new IPEndPoint(AddressB, 500), new IPEndPoint(AddressB, 4500)),
            options with { Timing = timingB ?? options.Timing, Random = randomB });
        return new EnginePair(network, time, a, b);
    }

    /// <summary>The connection as "a" sees it (<paramref name="fromB"/> mirrors it for "b").</summary>
    public static ConnectionConfig Config(bool fromB = false, string psk = "correct horse battery staple",
        string ike = "aes/sha256/group14", string esp = "aes/sha256", string? pfs = null, string? localId = null, string? remoteId = null,
        string[]? localSubnets = null, string[]? remoteSubnets = null, DpdConfig? dpd = null, TimeSpan? ikeLifetime = null,
        TimeSpan? childLifetime = null, bool natTraversal = true, string name = Name)
    {
        string[] parts = ike.Split('/');
        string[] espParts = esp.Split('/');
        string[] subnetsA = ["10.1.0.0/24"];
        string[] subnetsB = ["10.2.0.0/24"];
        return new ConnectionConfig(
            name,
            IkeProtocol.Ikev2,
            new IPEndPoint(fromB ? AddressB : AddressA, 500),
            new IPEndPoint(fromB ? AddressA : AddressB, 500),
            localId ?? (fromB ? "gw-b.example" : "gw-a.example"),
            remoteId ?? (fromB ? "gw-a.example" : "gw-b.example"),
            new PreSharedKey(psk),
            new IkeProposalConfig(parts[0], parts[1], parts[2]),
            new ChildProposalConfig(espParts[0], espParts[1], pfs),
            [.. (localSubnets ?? (fromB ? subnetsB : subnetsA)).Select(Subnet.Parse)],
            [.. (remoteSubnets ?? (fromB ? subnetsA : subnetsB)).Select(Subnet.Parse)],
            ikeLifetime ?? TimeSpan.FromHours(24),
            childLifetime ?? TimeSpan.FromHours(8),
            dpd,
            natTraversal,
            StartAction.None);
    }

    /// <summary>Delivers held datagrams until none is left and both engines are idle.</summary>
    public async Task DeliverAllAsync(int limit = 100)
    {
        for (int i = 0; i < limit; i++)
        {
            await A.WhenIdleAsync();
            await B.WhenIdleAsync();
            if (!await Network.DeliverNextAsync())
            {
                return;
            }
        }

        throw new InvalidOperationException("the exchange did not settle");
    }

    /// <summary>Delivers exactly one held datagram and waits until both engines processed it.</summary>
    public async Task StepAsync()
    {
        await A.WhenIdleAsync();
        await B.WhenIdleAsync();
        Assert.True(await Network.DeliverNextAsync(), "no datagram was pending");
        await A.WhenIdleAsync();
        await B.WhenIdleAsync();
    }

    /// <summary>Moves the fake clock and lets the engines run what the timers posted.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await SettleAsync();
    }

    /// <summary>Lets exchanges that bounce between the engines (request, response, the Delete that follows) finish:
    /// each round trip needs both loops to run again.</summary>
    public async Task SettleAsync(int rounds = 12)
    {
        for (int i = 0; i < rounds; i++)
        {
            await A.WhenIdleAsync();
            await B.WhenIdleAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
