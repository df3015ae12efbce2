using System.Net;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Sa;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.Sa;

/// <summary>
/// Two engines stepped one datagram at a time (STYLE.md item 12, strongSwan's test_child_rekey.c): retries after
/// INVALID_KE_PAYLOAD and COOKIE, a lost response, a duplicated request, a simultaneous CHILD SA rekey, a dead peer,
/// deletes, and hostile datagrams.
/// </summary>
public sealed class SteppedExchangeTests
{
    static async Task<NegotiationResult> EstablishAsync(EnginePair pair)
    {
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);
        await pair.DeliverAllAsync();
        return await initiate;
    }

    [Fact]
    public async Task InvalidKePayload_InitiatorRetriesWithTheGroupTheResponderAskedFor()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true;
        pair.A.LoadConnection(EnginePair.Config(ike: "aes/sha256/group2,group14")); // KE of group2 first
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);

        // HDR, SAi1(modp1024|modp2048), KEi(modp1024), Ni -->
        await pair.StepAsync();
        // <-- HDR, N(INVALID_KE_PAYLOAD, 14)
        Assert.True(Wire.Is(Assert.Single(pair.Network.Pending), ExchangeType.IkeSaInit, response: true));
        Assert.Empty(pair.B.ListSas());
        await pair.StepAsync();
        // HDR, SAi1, KEi(modp2048), Ni --> (same SPIi, message ID 0 again, §1.2)
        Datagram retry = Assert.Single(pair.Network.Pending);
        Assert.True(Wire.Is(retry, ExchangeType.IkeSaInit, response: false));
        Assert.Equal(0u, Wire.Header(retry)!.Value.MessageId);
        await pair.DeliverAllAsync();

        Assert.True((await initiate).Established);
        Assert.Equal("aes128/sha256/modp2048", Assert.Single(pair.A.ListSas()).Algorithms);
        Assert.Equal(2, Wire.Count(pair.Network.Sent, ExchangeType.IkeSaInit, response: false));
    }

    [Fact]
    public async Task Cookie_UnderHalfOpenLoad_TheResponderKeepsNoStateUntilTheCookieComesBack()
    {
        // threshold 0: every IKE_SA_INIT must carry a cookie (§2.6)
        await using var pair = EnginePair.Create(timingB: EnginePair.FastTiming with { CookieThreshold = 0 });
        pair.Network.Hold = true;
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);

        // HDR(A,0), SAi1, KEi, Ni -->   <-- HDR(A,0), N(COOKIE)
        await pair.StepAsync();
        Assert.Empty(pair.B.ListSas());
        Assert.Equal(0, await pair.B.InspectAsync(core => core.HalfOpenCount));
        // HDR(A,0), N(COOKIE), SAi1, KEi, Ni -->
        await pair.DeliverAllAsync();

        Assert.True((await initiate).Established);
        Assert.Equal(2, Wire.Count(pair.Network.Sent, ExchangeType.IkeSaInit, response: false));
    }

    [Fact]
    public async Task DuplicatedCookieAnswer_IsNotFollowedTwice_TheRetryStaysTheRealMessage1()
    {
        await using var pair = EnginePair.Create(timingB: EnginePair.FastTiming with { CookieThreshold = 0 });
        pair.Network.Hold = true;
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);
        await pair.StepAsync(); // HDR(A,0), SAi1, KEi, Ni -->

        // <-- HDR(A,0), N(COOKIE), twice (a duplicating network, or an attacker replaying it)
        Datagram cookie = Assert.Single(pair.Network.Pending);
        await pair.StepAsync();
        await pair.Network.DeliverAsync(cookie);
        await pair.A.WhenIdleAsync();

        // one retry only: HDR(A,0), N(COOKIE), SAi1, KEi, Ni -->
        Assert.True(Wire.Is(Assert.Single(pair.Network.Pending), ExchangeType.IkeSaInit, response: false));
        await pair.DeliverAllAsync();
        NegotiationResult result = await initiate;
        Assert.True(result.Established, result.Failure?.Message);
    }

    [Fact]
    public async Task DuplicatedInvalidKeAnswer_DoesNotEndTheRetriedNegotiation()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true;
        pair.A.LoadConnection(EnginePair.Config(ike: "aes/sha256/group2,group14"));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);
        await pair.StepAsync();

        // <-- HDR, N(INVALID_KE_PAYLOAD, 14), twice: the copy must not read as "the peer still refuses group 14"
        Datagram invalidKe = Assert.Single(pair.Network.Pending);
        await pair.StepAsync();
        await pair.Network.DeliverAsync(invalidKe);
        await pair.A.WhenIdleAsync();
        await pair.DeliverAllAsync();

        NegotiationResult result = await initiate;
        Assert.True(result.Established, result.Failure?.Message);
        Assert.Equal(2, Wire.Count(pair.Network.Sent, ExchangeType.IkeSaInit, response: false));
    }

    [Fact]
    public async Task LostResponse_TheRetransmittedRequestGetsTheCachedAnswer_NothingIsProcessedTwice()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true;
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);
        await pair.StepAsync(); // IKE_SA_INIT request
        await pair.StepAsync(); // IKE_SA_INIT response
        await pair.StepAsync(); // HDR, SK {IDi, IDr, AUTH, N(INITIAL_CONTACT), SAi2, TSi, TSr} -->

        // <-- HDR, SK {IDr, AUTH, SAr2, TSi, TSr} is lost
        Assert.True(pair.Network.DropNext());
        Assert.Single(Assert.Single(pair.B.ListSas()).Children);
        await pair.AdvanceAsync(TimeSpan.FromSeconds(1));
        // the same request again (§2.1: identical bytes) ...
        Datagram retransmitted = Assert.Single(pair.Network.Pending);
        Assert.True(Wire.Is(retransmitted, ExchangeType.IkeAuth, response: false));
        await pair.StepAsync();
        // ... and B answers from its cache (§2.2)
        await pair.StepAsync();

        Assert.True((await initiate).Established);
        Assert.Single(Assert.Single(pair.B.ListSas()).Children);
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.ChildSaEstablished);
        Assert.Equal(2, Wire.Count(pair.Network.Sent, ExchangeType.IkeAuth, response: true));
    }

    [Fact]
    public async Task DuplicatedDatagrams_ChangeNothing()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        IkeSaSnapshot before = Assert.Single(pair.B.ListSas());

        foreach (Datagram sent in pair.Network.Sent.ToList())
        {
            await pair.Network.DeliverAsync(sent);
        }

        await pair.A.WhenIdleAsync();
        await pair.B.WhenIdleAsync();
        Assert.Equal(before.ResponderSpi, Assert.Single(pair.B.ListSas()).ResponderSpi);
        Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        Assert.Single(Assert.Single(pair.B.ListSas()).Children);
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.IkeSaEstablished);
    }

    [Fact]
    public async Task SimultaneousChildRekey_TheLowestNonceDecides_AndExactlyOnePairSurvivesOnBothSides()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(childLifetime: TimeSpan.FromMinutes(100)));
        pair.B.LoadConnection(EnginePair.Config(fromB: true, childLifetime: TimeSpan.FromMinutes(100)));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        uint original = Assert.Single(Assert.Single(pair.A.ListSas()).Children).InboundSpi;
        pair.Network.Hold = true;

        // both rekey timers (85-90 min) fire before either request arrives:
        // A: CREATE_CHILD_SA {N(REKEY_SA), SA, Ni, TSi, TSr} -->  <-- B: CREATE_CHILD_SA {N(REKEY_SA), SA, Ni, TSi, TSr}
        await pair.AdvanceAsync(TimeSpan.FromMinutes(90));
        Assert.Equal(2, Wire.Count(pair.Network.Pending, ExchangeType.CreateChildSa, response: false));
        // each answers the other (§2.8.1), then the loser deletes its redundant pair and the winner the old one
        await pair.DeliverAllAsync();

        ChildSaSnapshot a = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        ChildSaSnapshot b = Assert.Single(Assert.Single(pair.B.ListSas()).Children);
        Assert.Equal((a.InboundSpi, a.OutboundSpi), (b.OutboundSpi, b.InboundSpi));
        Assert.NotEqual(original, a.InboundSpi);
        Assert.Equal(1, await pair.A.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.Count));
        Assert.Equal(1, await pair.B.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.Count));
        ProbeResult probe = await ProbeWithHeldNetworkAsync(pair);
        Assert.True(probe.Replied, probe.Detail);
    }

    [Fact]
    public async Task ChildRekeyWithPfs_ThenIkeRekey_TheTunnelStillCarriesTraffic()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(pfs: "group14", childLifetime: TimeSpan.FromMinutes(100), ikeLifetime: TimeSpan.FromMinutes(300)));
        pair.B.LoadConnection(EnginePair.Config(fromB: true, pfs: "group14", childLifetime: TimeSpan.FromMinutes(1000), ikeLifetime: TimeSpan.FromMinutes(3000)));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        IkeSaSnapshot first = Assert.Single(pair.A.ListSas());

        await pair.AdvanceAsync(TimeSpan.FromMinutes(91)); // A rekeys its CHILD SA with KE (PFS)
        ChildSaSnapshot rekeyed = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        Assert.NotEqual(first.Children[0].InboundSpi, rekeyed.InboundSpi);
        Assert.Equal("aes128/sha256/modp2048", rekeyed.Algorithms);

        await pair.AdvanceAsync(TimeSpan.FromMinutes(180)); // A rekeys the IKE SA; the CHILD SA moves over
        IkeSaSnapshot second = Assert.Single(pair.A.ListSas());
        Assert.NotEqual(first.InitiatorSpi, second.InitiatorSpi);
        Assert.Equal((second.InitiatorSpi, second.ResponderSpi), (Assert.Single(pair.B.ListSas()).InitiatorSpi, Assert.Single(pair.B.ListSas()).ResponderSpi));
        Assert.Contains(pair.EventsA, e => e.Type == EngineEventType.IkeSaRekeyed);
        Assert.Contains(pair.EventsA, e => e.Type == EngineEventType.ChildSaRekeyed);
        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(5));
        Assert.True(probe.Replied, probe.Detail);
    }

    [Fact]
    public async Task Dpd_PeerSilent_IsDeclaredDeadWithinIntervalPlusTimeout_AndEverySaIsGone()
    {
        var dpd = new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(6));
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(dpd: dpd));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        pair.Network.Hold = true; // B goes silent: nothing is delivered any more

        await pair.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.True(Wire.Is(Assert.Single(pair.Network.Pending), ExchangeType.Informational, response: false));
        // the liveness check's retransmissions are fitted into the 6 s timeout; the fake clock moves in 100 ms steps
        TimeSpan waited = TimeSpan.Zero;
        while (!pair.EventsA.Any(e => e.Type == EngineEventType.PeerDead) && waited < TimeSpan.FromSeconds(10))
        {
            await pair.AdvanceAsync(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
        }

        Assert.True(waited > TimeSpan.FromSeconds(5) && waited <= TimeSpan.FromSeconds(6.5), $"declared dead after {waited}");
        Assert.Equal(4, Wire.Count(pair.Network.Pending, ExchangeType.Informational, response: false)); // first send + 3 retransmissions
        EngineEvent dead = Assert.Single(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
        Assert.Equal("TIMEOUT", dead.Diagnostic!.Reason);
        Assert.Empty(pair.A.ListSas());
        Assert.Empty(await pair.A.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.ToList()));
    }

    [Fact]
    public async Task Terminate_DeletesBothSides_AndWipesTheKeys()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        IkeSa sa = await pair.A.InspectAsync(core => core.Sas.Single());

        await pair.A.TerminateAsync(EnginePair.Name);
        await pair.B.WhenIdleAsync();

        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
        Assert.Equal(IkeSaState.Destroyed, sa.State);
        Assert.Throws<ObjectDisposedException>(() => sa.Keys.SkD.ToArray());
        Assert.Empty(await pair.B.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.ToList()));
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.IkeSaDeleted);
    }

    public static TheoryData<string, string> Garbage => new()
    {
        { "empty", "" },
        { "one byte", "00" },
        { "truncated header", "0102030405060708" },
        { "header only, length lies", "1122334455667788000000000000000021202208000000000000ffff" },
        { "IKE_SA_INIT with a payload past the end", "112233445566778800000000000000002120220800000000000000242100ffff" },
        { "marker then junk", "00000000ffffffff" },
        { "ESP with an unknown SPI", "deadbeef000000010102030405060708090a0b0c0d0e0f10" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task HostileDatagrams_AreDropped_TheEngineKeepsWorking(string why, string hex)
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        byte[] payload = Convert.FromHexString(hex);

        foreach (int port in new[] { 500, 4500 })
        {
            await pair.Network.DeliverAsync(new Datagram(new IPEndPoint(EnginePair.AddressA, port), new IPEndPoint(EnginePair.AddressB, port), payload));
        }

        await pair.B.WhenIdleAsync();
        Assert.Empty(pair.B.ListSas());
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established, why);
    }

    static async Task<ProbeResult> ProbeWithHeldNetworkAsync(EnginePair pair)
    {
        pair.Network.Hold = false;
        return await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(5));
    }
}
