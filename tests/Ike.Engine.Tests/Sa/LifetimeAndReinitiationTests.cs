using System.Net;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.Sa;

/// <summary>
/// Keeping a tunnel that negotiates immediately up after its peer died (PRODUCT.md §5), with a growing wait between
/// tries; and hard lifetimes that end SAs whose rekey never succeeds (RFC 7296 §2.8, RFC 4301 §4.4.2.1). Fake clock.
/// </summary>
public sealed class LifetimeAndReinitiationTests
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task DeadPeer_ImmediatelyConnectionIsNegotiatedAgain_WithGrowingWaits_UntilThePeerAnswers()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        pair.A.LoadConnection(EnginePair.Config(dpd: new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(6))) with { StartAction = StartAction.Immediately });
        await pair.SettleAsync();
        IkeSaSnapshot first = Assert.Single(pair.A.ListSas());
        Assert.Single(first.Children);

        // B falls silent: DPD declares it dead, then every IKE_SA_INIT of A goes unanswered
        pair.Network.Hold = true;
        var attempts = new Dictionary<ulong, DateTimeOffset>();
        RecordNewAttempts(pair, attempts);
        attempts.Remove(first.InitiatorSpi);
        while (attempts.Count < 4)
        {
            await pair.AdvanceAsync(Step);
            RecordNewAttempts(pair, attempts);
            attempts.Remove(first.InitiatorSpi);
            Assert.True(pair.Time.GetUtcNow() - first.EstablishedAt < TimeSpan.FromMinutes(5), "A stopped trying");
        }

        DateTimeOffset dead = Assert.Single(pair.EventsA, e => e.Type == EngineEventType.PeerDead).At;
        // each try gives up after 1+2+4+8 s of retransmissions (FastTiming); then A waits 1 s, 2 s, 4 s (+ up to 10 %)
        List<DateTimeOffset> starts = [.. attempts.Values.Order()];
        List<DateTimeOffset> failures = [.. pair.EventsA.Where(e => e.Type == EngineEventType.NegotiationFailed).Select(e => e.At).Order()];
        TimeSpan[] waits = [starts[0] - dead, starts[1] - failures[0], starts[2] - failures[1], starts[3] - failures[2]];
        Assert.InRange(waits[0].TotalSeconds, 1, 1.1 + Step.TotalSeconds);
        Assert.InRange(waits[1].TotalSeconds, 2, 2.2 + Step.TotalSeconds);
        Assert.InRange(waits[2].TotalSeconds, 4, 4.4 + Step.TotalSeconds);
        Assert.InRange(waits[3].TotalSeconds, 8, 8.8 + Step.TotalSeconds);

        // B answers again: the current try (or the next) brings the tunnel back, and A stops trying
        pair.Network.Hold = false;
        for (int i = 0; i < 200 && !pair.A.ListSas().Any(sa => sa.State == "Established" && sa.Children.Count == 1); i++)
        {
            await pair.AdvanceAsync(Step);
        }

        IkeSaSnapshot again = Assert.Single(pair.A.ListSas());
        Assert.Equal("Established", again.State);
        Assert.NotEqual(first.InitiatorSpi, again.InitiatorSpi);
        // (B, without DPD of its own, still holds the stale SA next to the new one)
        Assert.Contains(pair.B.ListSas(), sa => sa.State == "Established" && (sa.InitiatorSpi, sa.ResponderSpi) == (again.InitiatorSpi, again.ResponderSpi));
        int triesSoFar = attempts.Count;
        await pair.AdvanceAsync(TimeSpan.FromMinutes(2));
        RecordNewAttempts(pair, attempts);
        attempts.Remove(first.InitiatorSpi);
        Assert.InRange(attempts.Count, triesSoFar, triesSoFar + 1);
        Assert.Single(pair.A.ListSas());
    }

    [Fact]
    public async Task PeerDeletesTheIkeSa_AnImmediatelyConnectionComesBack_AfterTheFirstWait()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        pair.A.LoadConnection(EnginePair.Config() with { StartAction = StartAction.Immediately });
        await pair.SettleAsync();
        IkeSaSnapshot first = Assert.Single(pair.A.ListSas());
        await pair.AdvanceAsync(TimeSpan.FromMinutes(5));

        // the customer resets the tunnel on their device: INFORMATIONAL { D(IKE) } to us
        await pair.B.TerminateAsync(EnginePair.Name);
        await pair.SettleAsync();
        Assert.Empty(pair.A.ListSas());
        DateTimeOffset deleted = Assert.Single(pair.EventsA, e => e.Type == EngineEventType.IkeSaDeleted).At;

        // A negotiates again after the first backoff wait (RetransmitTimeout, + up to 10 %)
        while (!pair.A.ListSas().Any(sa => sa.State == "Established" && sa.Children.Count == 1) && pair.Time.GetUtcNow() - deleted < TimeSpan.FromSeconds(30))
        {
            await pair.AdvanceAsync(Step);
        }

        IkeSaSnapshot again = Assert.Single(pair.A.ListSas());
        Assert.NotEqual(first.InitiatorSpi, again.InitiatorSpi);
        Assert.True(again.Initiator);
        Assert.InRange((again.EstablishedAt - deleted).TotalSeconds, 1, 1.1 + Step.TotalSeconds);
        Assert.Contains(pair.B.ListSas(), sa => (sa.InitiatorSpi, sa.ResponderSpi) == (again.InitiatorSpi, again.ResponderSpi));
    }

    [Fact]
    public async Task APeerThatDeletesEverySaAtOnce_IsNegotiatedWithAgainWithGrowingWaits()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        pair.A.LoadConnection(EnginePair.Config() with { StartAction = StartAction.Immediately });
        await pair.SettleAsync();

        var waits = new List<double>();
        for (int round = 0; round < 4; round++)
        {
            Assert.Single(pair.A.ListSas(), sa => sa.State == "Established");
            await pair.B.TerminateAsync(EnginePair.Name); // deleted as soon as it is up
            await pair.SettleAsync();
            DateTimeOffset deleted = pair.Time.GetUtcNow();
            while (!pair.A.ListSas().Any(sa => sa.State == "Established" && sa.Children.Count == 1) && pair.Time.GetUtcNow() - deleted < TimeSpan.FromMinutes(2))
            {
                await pair.AdvanceAsync(Step);
            }

            waits.Add((Assert.Single(pair.A.ListSas()).EstablishedAt - deleted).TotalSeconds);
        }

        // 1 s, 2 s, 4 s, 8 s (+ up to 10 %): every SA lived less than a minute, so each wait is twice the one before
        Assert.Collection(waits,
            w => Assert.InRange(w, 1, 1.1 + Step.TotalSeconds),
            w => Assert.InRange(w, 2, 2.2 + Step.TotalSeconds),
            w => Assert.InRange(w, 4, 4.4 + Step.TotalSeconds),
            w => Assert.InRange(w, 8, 8.8 + Step.TotalSeconds));
    }

    [Fact]
    public async Task OurOwnTerminate_IsNotUndone()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        pair.A.LoadConnection(EnginePair.Config() with { StartAction = StartAction.Immediately });
        await pair.SettleAsync();
        await pair.AdvanceAsync(TimeSpan.FromSeconds(1));

        await pair.A.TerminateAsync(EnginePair.Name); // we asked for it: our Delete is answered, nothing comes back
        await pair.SettleAsync();
        int sent = pair.Network.Sent.Count;
        await pair.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
        Assert.Equal(sent, pair.Network.Sent.Count);
    }

    [Fact]
    public async Task UnloadedConnection_IsNotTriedAgain()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true; // nobody ever answers
        pair.A.LoadConnection(EnginePair.Config() with { StartAction = StartAction.Immediately });
        var attempts = new Dictionary<ulong, DateTimeOffset>();
        while (attempts.Count < 2)
        {
            await pair.AdvanceAsync(Step);
            RecordNewAttempts(pair, attempts);
        }

        Assert.True(await pair.A.UnloadConnectionAsync(EnginePair.Name));
        int before = pair.Network.Sent.Count;
        await pair.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(before, pair.Network.Sent.Count);
    }

    [Fact]
    public async Task IkeRekeyNeverSucceeds_TheHardLifetimeDeletesTheIkeSaOnBothSides()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(ikeLifetime: TimeSpan.FromMinutes(100)));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        // B now accepts only other algorithms: every CREATE_CHILD_SA rekeying the IKE SA gets NO_PROPOSAL_CHOSEN
        pair.B.LoadConnection(EnginePair.Config(fromB: true, ike: "aes256/sha512/group14"));

        while (pair.Time.GetUtcNow() < Start(pair) + TimeSpan.FromMinutes(99.5))
        {
            await pair.AdvanceAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(pair.EventsA.Count(e => e.Type == EngineEventType.NegotiationFailed && e.Diagnostic?.Exchange == "CREATE_CHILD_SA") >= 2, "the rekey was retried");
        Assert.Equal("Established", Assert.Single(pair.A.ListSas()).State);

        await pair.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.IkeSaDeleted);
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.IkeSaDeleted);
        Assert.Empty(await pair.A.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.ToList()));
        Assert.Empty(await pair.B.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.ToList()));
    }

    [Fact]
    public async Task ChildRekeyNeverSucceeds_AtTheHardLifetimeThePairLeavesTheDataPathAtOnce_AndIsDeleted()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config(childLifetime: TimeSpan.FromMinutes(100)));
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        pair.B.LoadConnection(EnginePair.Config(fromB: true, esp: "aes256/sha512"));

        while (pair.Time.GetUtcNow() < Start(pair) + TimeSpan.FromMinutes(99.5))
        {
            await pair.AdvanceAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(pair.EventsA.Count(e => e.Type == EngineEventType.NegotiationFailed && e.Diagnostic?.Reason == "NO_PROPOSAL_CHOSEN") >= 2);
        ChildSaSnapshot old = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        // every refused try gave its reserved SPI back on both sides (the engine fuzzer found them piling up)
        Assert.Equal(1, await pair.A.InspectAsync(core => core.Services.Kernel.AllocatedSpiCount));
        Assert.Equal(1, await pair.B.InspectAsync(core => core.Services.Kernel.AllocatedSpiCount));
        Assert.True((await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(1))).Replied);

        // the Delete is held back: the pair must be out of A's data path before the peer even hears of it
        pair.Network.Hold = true;
        await pair.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(await pair.A.InspectAsync(core => core.Services.Kernel.InstalledInboundSpis.ToList()));
        ProbeResult refused = await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(1));
        Assert.False(refused.Replied);
        Assert.Single(Assert.Single(pair.B.ListSas()).Children); // B has heard nothing yet

        // (the last rekey try, refused,) then HDR, SK { D(ESP, old inbound SPI) } -->
        await pair.DeliverAllAsync();
        Assert.Contains(pair.Network.Sent, d => Wire.Is(d, ExchangeType.Informational, response: false) && d.Local.Address.Equals(EnginePair.AddressA));
        Assert.Empty(Assert.Single(pair.A.ListSas()).Children);
        Assert.Empty(Assert.Single(pair.B.ListSas()).Children);
        Assert.Equal("Established", Assert.Single(pair.B.ListSas()).State);
        Assert.Contains(pair.EventsB, e => e.Type == EngineEventType.ChildSaDeleted && e.Detail.Contains($"{old.OutboundSpi:x8}"));
    }

    static DateTimeOffset Start(EnginePair pair) => new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Each try is a new IKE SA: a new initiator SPI in an IKE_SA_INIT request (retransmissions repeat it).</summary>
    static void RecordNewAttempts(EnginePair pair, Dictionary<ulong, DateTimeOffset> attempts)
    {
        foreach (Datagram sent in pair.Network.Sent.ToList())
        {
            if (Wire.Header(sent) is { ExchangeType: ExchangeType.IkeSaInit, IsResponse: false } header && header.ResponderSpi == 0)
            {
                attempts.TryAdd(header.InitiatorSpi, pair.Time.GetUtcNow());
            }
        }
    }
}
