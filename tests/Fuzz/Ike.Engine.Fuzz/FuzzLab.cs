using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Sa;
using Ike.Engine.Timing;
using Ike.Engine.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Ike.Engine.Fuzz;

/// <summary>
/// An initiator A (10.0.0.1) and a responder B (10.0.0.2) on an in-memory network with a fake clock, running a
/// connection "tunnel" that negotiates immediately (so a torn-down tunnel comes back by itself), with short lifetimes
/// and DPD so rekeys, liveness checks and expiries happen while the fuzzer runs. A also has "lonely", a connection to
/// 10.0.0.3 where nobody answers: its IKE SA waits in IKE_SA_INIT, a target for forged IKE_SA_INIT responses.
/// </summary>
internal sealed class FuzzLab : IAsyncDisposable
{
    public const string Tunnel = "tunnel";
    public const string Lonely = "lonely";
    public static readonly IPAddress AddressA = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress AddressB = IPAddress.Parse("10.0.0.2");
    public static readonly IPAddress Nobody = IPAddress.Parse("10.0.0.3");
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    public static readonly IkeTimingOptions Timing = new()
    {
        RetransmitTimeout = TimeSpan.FromSeconds(1), RetransmitBase = 2, RetransmitTries = 3, CookieThreshold = 10,
        HalfOpenTimeout = TimeSpan.FromSeconds(30), ReinitiateLimit = TimeSpan.FromSeconds(30),
    };

    public FuzzLab(FailureLog log)
    {
        Network = new InMemoryNetwork();
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new IkeEngineOptions { TimeProvider = Time, Timing = Timing, LoggerFactory = log };
        A = new IkeEngine(Network.Attach(new IPEndPoint(AddressA, 500), new IPEndPoint(AddressA, 4500)), options);
        B = new IkeEngine(Network.Attach(new IPEndPoint(AddressB, 500), new IPEndPoint(AddressB, 4500)), options);
    }

    public InMemoryNetwork Network { get; }

    public FakeTimeProvider Time { get; }

    public IkeEngine A { get; }

    public IkeEngine B { get; }

    public static ConnectionConfig Config(bool fromB, string name = Tunnel, IPAddress? remote = null, StartAction start = StartAction.Immediately) => new(
        name, IkeProtocol.Ikev2,
        new IPEndPoint(fromB ? AddressB : AddressA, 500), new IPEndPoint(remote ?? (fromB ? AddressA : AddressB), 500),
        fromB ? "gw-b.example" : "gw-a.example", fromB ? "gw-a.example" : "gw-b.example", new PreSharedKey("fuzzing psk 0123456789"),
        new IkeProposalConfig("aes", "sha256", "group14"), new ChildProposalConfig("aes", "sha256", "group14"),
        [Subnet.Parse(fromB ? "10.2.0.0/24" : "10.1.0.0/24")], [Subnet.Parse(fromB ? "10.1.0.0/24" : "10.2.0.0/24")],
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), new DpdConfig(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)),
        NatTraversal: true, start);

    /// <summary>Lets both loops run until the exchanges a datagram set off (answers, Deletes) are done.</summary>
    public async Task SettleAsync(int rounds = 4)
    {
        for (int i = 0; i < rounds; i++)
        {
            await A.WhenIdleAsync().WaitAsync(HangLimit);
            await B.WhenIdleAsync().WaitAsync(HangLimit);
        }
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await SettleAsync(8);
    }

    /// <summary>Table sizes of one engine: IKE SAs, half-open SAs, installed ESP pairs, allocated SPIs, and installed
    /// pairs that no CHILD SA of any IKE SA owns (a leak).</summary>
    public static Task<TableSizes> MeasureAsync(IkeEngine engine) => engine.InspectAsync(core =>
    {
        var owned = core.Sas.SelectMany(sa => sa.Children).Select(c => c.InboundSpi).ToHashSet();
        return new TableSizes(
            core.Sas.Count(), core.HalfOpenCount, core.Services.Kernel.InstalledInboundSpis.Count, core.Services.Kernel.AllocatedSpiCount,
            core.Services.Kernel.InstalledInboundSpis.Count(spi => !owned.Contains(spi)));
    });

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}

internal sealed record TableSizes(int Sas, int HalfOpen, int EspPairs, int AllocatedSpis, int OrphanPairs)
{
    public TableSizes Max(TableSizes other) => new(
        Math.Max(Sas, other.Sas), Math.Max(HalfOpen, other.HalfOpen), Math.Max(EspPairs, other.EspPairs),
        Math.Max(AllocatedSpis, other.AllocatedSpis), Math.Max(OrphanPairs, other.OrphanPairs));
}
