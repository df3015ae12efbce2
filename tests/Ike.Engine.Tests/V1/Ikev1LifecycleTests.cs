using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.V1;

/// <summary>What happens to IKEv1 SAs after they are up, driven by the fake clock: quick mode with PFS, phase 2 and
/// phase 1 rekeys from the lifetimes, Deletes in both directions (RFC 2409 §5.7), and DPD (RFC 3706) answered and
/// timing out.</summary>
public sealed class Ikev1LifecycleTests
{
    static async Task<EnginePair> EstablishedAsync(IkeProtocol mode, Func<bool, ConnectionConfig> config)
    {
        var pair = EnginePair.Create();
        pair.A.LoadConnection(config(false));
        pair.B.LoadConnection(config(true));
        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        Assert.True(result.Established, result.Failure?.Message);
        _ = mode;
        return pair;
    }

    [Theory]
    [InlineData(IkeProtocol.Ikev1Main)]
    [InlineData(IkeProtocol.Ikev1Aggressive)]
    public async Task QuickModeWithPfs_BothSidesUseTheGroup(IkeProtocol mode)
    {
        await using EnginePair pair = await EstablishedAsync(mode, fromB => V1Configs.Config(mode, fromB, pfs: "group2"));

        Assert.Equal("aes128/sha256/modp1024", Assert.Single(Assert.Single(pair.A.ListSas()).Children).Algorithms);
        Assert.Equal("aes128/sha256/modp1024", Assert.Single(Assert.Single(pair.B.ListSas()).Children).Algorithms);
    }

    [Fact]
    public async Task PfsOnOneSideOnly_QuickModeFails_TheIsakmpSaStays_AndTheResponderSaysWhy()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, pfs: "group14"));
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, fromB: true));

        NegotiationResult result = await pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync(); // the responder records its refusal after it sent the notify

        Assert.False(result.Established);
        Assert.Equal("Quick Mode: NO_PROPOSAL_CHOSEN — peer accepts none of our proposal aes/sha256/modp2048", result.Failure!.Message);
        EngineEvent refused = Assert.Single(pair.EventsB, e => e.Type == EngineEventType.NegotiationFailed);
        Assert.Equal("Quick Mode: NO_PROPOSAL_CHOSEN — peer offered aes/sha256/modp2048, we accept aes/sha256", refused.Detail);
        Assert.Equal("Established", Assert.Single(pair.A.ListSas()).State);
        Assert.Empty(Assert.Single(pair.B.ListSas()).Children);
    }

    [Fact]
    public async Task IpsecSaLifetime_TheInitiatorRekeys_BothSidesEndWithOnlyTheNewPair()
    {
        await using EnginePair pair = await EstablishedAsync(IkeProtocol.Ikev1Main,
            fromB => V1Configs.Config(IkeProtocol.Ikev1Main, fromB, childLifetime: fromB ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(10)));
        ChildSaSnapshot before = Assert.Single(Assert.Single(pair.A.ListSas()).Children);

        // rekey at 85-90 % of 10 minutes: a new quick mode; the old pair's Delete follows after DeleteTimeout
        await pair.AdvanceAsync(TimeSpan.FromMinutes(9.2));
        await pair.AdvanceAsync(TimeSpan.FromSeconds(6));

        ChildSaSnapshot afterA = Assert.Single(Assert.Single(pair.A.ListSas()).Children);
        ChildSaSnapshot afterB = Assert.Single(Assert.Single(pair.B.ListSas()).Children);
        Assert.NotEqual(before.InboundSpi, afterA.InboundSpi);
        Assert.Equal((afterA.InboundSpi, afterA.OutboundSpi), (afterB.OutboundSpi, afterB.InboundSpi));
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.ChildSaRekeyed);
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.ChildSaRekeyed);
        Assert.DoesNotContain(pair.EventsA, e => e.Type == EngineEventType.ChildSaDeleted);
    }

    [Fact]
    public async Task IsakmpSaLifetime_ANewMainModeTakesTheIpsecSa_AndTheOldIsakmpSaIsDeletedOnBothSides()
    {
        await using EnginePair pair = await EstablishedAsync(IkeProtocol.Ikev1Main,
            fromB => V1Configs.Config(IkeProtocol.Ikev1Main, fromB, ikeLifetime: fromB ? TimeSpan.FromHours(24) : TimeSpan.FromMinutes(10)));
        IkeSaSnapshot before = Assert.Single(pair.A.ListSas());

        await pair.AdvanceAsync(TimeSpan.FromMinutes(9.2));

        IkeSaSnapshot afterA = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot afterB = Assert.Single(pair.B.ListSas());
        Assert.NotEqual(before.InitiatorSpi, afterA.InitiatorSpi);
        Assert.Equal((afterA.InitiatorSpi, afterA.ResponderSpi), (afterB.InitiatorSpi, afterB.ResponderSpi));
        Assert.Equal(Assert.Single(before.Children).InboundSpi, Assert.Single(afterA.Children).InboundSpi);
        Assert.Single(afterB.Children);
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.IkeSaRekeyed);
        Assert.DoesNotContain(pair.EventsB, e => e.Type == EngineEventType.ChildSaDeleted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Terminate_DeletesBothSas_AndThePeerRemovesThemOnItsDeletes(bool initiatorTerminates)
    {
        await using EnginePair pair = await EstablishedAsync(IkeProtocol.Ikev1Main, fromB => V1Configs.Config(IkeProtocol.Ikev1Main, fromB));

        await (initiatorTerminates ? pair.A : pair.B).TerminateAsync(EnginePair.Name);
        await pair.SettleAsync();

        Assert.Empty(pair.A.ListSas());
        Assert.Empty(pair.B.ListSas());
        List<EngineEvent> peerEvents = initiatorTerminates ? pair.EventsB : pair.EventsA;
        Assert.Contains(peerEvents, e => e.Type == EngineEventType.ChildSaDeleted);
        Assert.Contains(peerEvents, e => e.Type == EngineEventType.IkeSaDeleted);
    }

    [Fact]
    public async Task Dpd_RUThereIsAcknowledged_TheSasStay()
    {
        var dpd = new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        await using EnginePair pair = await EstablishedAsync(IkeProtocol.Ikev1Main, fromB => V1Configs.Config(IkeProtocol.Ikev1Main, fromB, dpd: fromB ? null : dpd));
        int sent = pair.Network.Sent.Count;

        await pair.AdvanceAsync(TimeSpan.FromSeconds(11));
        await pair.AdvanceAsync(TimeSpan.FromSeconds(60));

        // R-U-THERE --> <-- R-U-THERE-ACK, each an informational of its own; nobody died
        Assert.True(pair.Network.Sent.Count >= sent + 2);
        Assert.DoesNotContain(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
        Assert.Single(pair.A.ListSas());
    }

    [Fact]
    public async Task Dpd_APeerThatStoppedAnswering_IsDeclaredDead_WithinIntervalPlusTimeout()
    {
        var dpd = new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        await using EnginePair pair = await EstablishedAsync(IkeProtocol.Ikev1Aggressive, fromB => V1Configs.Config(IkeProtocol.Ikev1Aggressive, fromB, dpd: fromB ? null : dpd));

        // B is gone: nothing reaches it any more
        pair.Network.Hold = true;
        await pair.AdvanceAsync(TimeSpan.FromSeconds(10));
        for (int second = 0; second < 30 && pair.A.ListSas().Count > 0; second++)
        {
            await pair.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(pair.A.ListSas());
        EngineEvent dead = Assert.Single(pair.EventsA, e => e.Type == EngineEventType.PeerDead);
        Assert.Contains("DPD: TIMEOUT", dead.Detail, StringComparison.Ordinal);
        Assert.Contains(pair.EventsA, e => e.Type == EngineEventType.ChildSaDeleted);
    }
}
