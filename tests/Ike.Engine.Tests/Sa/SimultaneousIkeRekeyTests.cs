using System.Net;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.Sa;

/// <summary>
/// RFC 7296 §2.8.2, both ends rekey the IKE SA at once, stepped one datagram at a time. A's nonces sort below B's
/// (<see cref="OrderedNonces"/>), so the lowest of the four nonces is A's Ni of A's own exchange: the SA A's rekey
/// made is redundant and A deletes it, B's inherits the CHILD SA and B deletes the old SA.
/// <code>
/// A: CREATE_CHILD_SA { SA(SPIa'), Ni1, KEi }  -->  &lt;--  B: CREATE_CHILD_SA { SA(SPIb'), Ni2, KEi }
/// </code>
/// </summary>
public sealed class SimultaneousIkeRekeyTests
{
    static readonly TimeSpan IkeLifetime = TimeSpan.FromMinutes(100);

    [Fact]
    public async Task BothNotice_TheSaWithTheLowestNonceIsDeletedByItsCreator_TheOtherInheritsTheChildSa()
    {
        await using EnginePair pair = await EstablishedPairAsync();
        (IkeSaSnapshot before, uint child) = (Assert.Single(pair.A.ListSas()), Assert.Single(Assert.Single(pair.A.ListSas()).Children).InboundSpi);
        await BothRekeyTimersFireAsync(pair);

        // A's request reaches B first: B answers normally and keeps A's new SA passive (§2.8.2)
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.CreateChildSa, response: false)));
        await SettleAsync(pair);
        Assert.Equal(["Passive", "Rekeying"], States(pair.B));
        // <-- B's request reaches A: A answers too, and keeps B's new SA passive
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressB) && Wire.Is(d, ExchangeType.CreateChildSa, response: false)));
        await SettleAsync(pair);
        Assert.Equal(["Passive", "Rekeying"], States(pair.A));
        IkeSaSnapshot bsSa = Assert.Single(pair.A.ListSas(), sa => sa.State == "Passive");
        Assert.False(bsSa.Initiator); // B's rekey made it: B is its initiator (§2.18)

        // <-- A gets the answer to its request: the lowest nonce (A's Ni1) is in its own exchange, so A deletes the SA it
        // made (INFORMATIONAL { D(IKE) } over that SA) and B's SA takes the CHILD SA; B deletes the old one
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressB) && Wire.Is(d, ExchangeType.CreateChildSa, response: true)));
        await SettleAsync(pair);
        IkeSaSnapshot adopted = Assert.Single(pair.A.ListSas(), sa => sa.State == "Established");
        Assert.Equal((bsSa.InitiatorSpi, bsSa.ResponderSpi), (adopted.InitiatorSpi, adopted.ResponderSpi));
        Assert.Equal(child, Assert.Single(adopted.Children).InboundSpi);
        Assert.Contains(pair.A.ListSas(), sa => sa.State == "Rekeyed" && sa.InitiatorSpi == before.InitiatorSpi);
        Assert.Contains(pair.Network.Pending, d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.Informational, response: false)
            && Wire.Header(d)!.Value.InitiatorSpi != before.InitiatorSpi);

        // B gets A's answer: the same comparison says B won; B keeps its SA and deletes the old one
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.CreateChildSa, response: true)));
        await SettleAsync(pair);
        IkeSaSnapshot bAdopted = Assert.Single(pair.B.ListSas(), sa => sa.State == "Established");
        Assert.Equal((bsSa.InitiatorSpi, bsSa.ResponderSpi), (bAdopted.InitiatorSpi, bAdopted.ResponderSpi));
        Assert.True(bAdopted.Initiator);

        // the two Deletes (A's of its redundant SA, B's of the old SA) and their answers
        await pair.DeliverAllAsync();
        await AssertOneRekeyedSaAsync(pair, bsSa, child, aIsInitiator: false);
    }

    [Fact]
    public async Task OnlyTheResponderNotices_AFinishesFirst_BAdoptsAsSaWhenADeletesTheOldOne()
    {
        await using EnginePair pair = await EstablishedPairAsync();
        uint child = Assert.Single(Assert.Single(pair.A.ListSas()).Children).InboundSpi;
        await BothRekeyTimersFireAsync(pair);

        // A's request reaches B, B notices the collision and answers; B's answer reaches A before B's request does
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.CreateChildSa, response: false)));
        await SettleAsync(pair);
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressB) && Wire.Is(d, ExchangeType.CreateChildSa, response: true)));
        await SettleAsync(pair);
        IkeSaSnapshot asSa = Assert.Single(pair.A.ListSas(), sa => sa.State == "Established");
        Assert.True(asSa.Initiator);

        // <-- B's late request finds an SA A already rekeyed: TEMPORARY_FAILURE (§2.8.2)
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressB) && Wire.Is(d, ExchangeType.CreateChildSa, response: false)));
        await SettleAsync(pair);
        Assert.Contains(pair.Network.Pending, d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.CreateChildSa, response: true));

        // A's Delete of the old SA arrives first (it was sent first): B forgets its own rekey and adopts A's SA
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.Informational, response: false)));
        await SettleAsync(pair);
        Assert.Equal(["Established"], States(pair.B));
        await pair.DeliverAllAsync();
        await AssertOneRekeyedSaAsync(pair, asSa, child, aIsInitiator: true);
    }

    [Fact]
    public async Task OnlyTheResponderNotices_TemporaryFailureArrivesFirst_BAdoptsAsSaAndAwaitsTheDelete()
    {
        await using EnginePair pair = await EstablishedPairAsync();
        uint child = Assert.Single(Assert.Single(pair.A.ListSas()).Children).InboundSpi;
        await BothRekeyTimersFireAsync(pair);
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.CreateChildSa, response: false)));
        await SettleAsync(pair);
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressB) && Wire.Is(d, ExchangeType.CreateChildSa, response: true)));
        await SettleAsync(pair);
        IkeSaSnapshot asSa = Assert.Single(pair.A.ListSas(), sa => sa.State == "Established");
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressB) && Wire.Is(d, ExchangeType.CreateChildSa, response: false)));
        await SettleAsync(pair);

        // <-- HDR, SK { N(TEMPORARY_FAILURE) } overtakes A's Delete: B's own rekey failed while A's SA is waiting
        Assert.True(await pair.Network.DeliverPendingAsync(d => From(d, EnginePair.AddressA) && Wire.Is(d, ExchangeType.CreateChildSa, response: true)));
        await SettleAsync(pair);
        Assert.Equal(["Established", "Rekeyed"], States(pair.B));
        Assert.Equal(child, Assert.Single(Assert.Single(pair.B.ListSas(), sa => sa.State == "Established").Children).OutboundSpi);

        await pair.DeliverAllAsync();
        await AssertOneRekeyedSaAsync(pair, asSa, child, aIsInitiator: true);
    }

    static async Task<EnginePair> EstablishedPairAsync()
    {
        var pair = EnginePair.Create(randomA: new OrderedNonces(0x00), randomB: new OrderedNonces(0x80));
        pair.A.LoadConnection(EnginePair.Config(ikeLifetime: IkeLifetime, childLifetime: TimeSpan.FromDays(10)));
        pair.B.LoadConnection(EnginePair.Config(fromB: true, ikeLifetime: IkeLifetime, childLifetime: TimeSpan.FromDays(10)));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        return pair;
    }

    /// <summary>Both rekey timers (85-90 % of the lifetime) fire before either request arrives.</summary>
    static async Task BothRekeyTimersFireAsync(EnginePair pair)
    {
        pair.Network.Hold = true;
        await pair.AdvanceAsync(IkeLifetime * 0.9);
        Assert.Equal(2, Wire.Count(pair.Network.Pending, ExchangeType.CreateChildSa, response: false));
        Assert.Equal(["Rekeying"], States(pair.A));
        Assert.Equal(["Rekeying"], States(pair.B));
    }

    /// <summary>After the dust settled: one IKE SA on each side, the same one, holding the original CHILD SA; one
    /// IkeSaRekeyed event each and no deletion reported; the tunnel still carries a probe.</summary>
    static async Task AssertOneRekeyedSaAsync(EnginePair pair, IkeSaSnapshot survivor, uint child, bool aIsInitiator)
    {
        IkeSaSnapshot a = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal(("Established", "Established"), (a.State, b.State));
        Assert.Equal((survivor.InitiatorSpi, survivor.ResponderSpi), (a.InitiatorSpi, a.ResponderSpi));
        Assert.Equal((a.InitiatorSpi, a.ResponderSpi), (b.InitiatorSpi, b.ResponderSpi));
        Assert.Equal((aIsInitiator, !aIsInitiator), (a.Initiator, b.Initiator));
        Assert.Equal(child, Assert.Single(a.Children).InboundSpi);
        Assert.Equal(child, Assert.Single(b.Children).OutboundSpi);
        Assert.Single(pair.EventsA, e => e.Type == EngineEventType.IkeSaRekeyed);
        Assert.Single(pair.EventsB, e => e.Type == EngineEventType.IkeSaRekeyed);
        Assert.DoesNotContain(pair.EventsA.Concat(pair.EventsB), e => e.Type is EngineEventType.IkeSaDeleted or EngineEventType.ChildSaDeleted or EngineEventType.NegotiationFailed);
        pair.Network.Hold = false;
        ProbeResult probe = await pair.A.ProbeAsync(EnginePair.Name, IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1"), TimeSpan.FromSeconds(5));
        Assert.True(probe.Replied, probe.Detail);
        // the surviving SA works for IKE too: a Delete from B ends it on both sides
        await pair.B.TerminateAsync(EnginePair.Name);
        await pair.SettleAsync();
        Assert.Empty(pair.A.ListSas());
    }

    static bool From(Datagram datagram, IPAddress sender) => datagram.Local.Address.Equals(sender);

    static string[] States(IkeEngine engine) => [.. engine.ListSas().Select(sa => sa.State).Order(StringComparer.Ordinal)];

    static async Task SettleAsync(EnginePair pair)
    {
        await pair.A.WhenIdleAsync();
        await pair.B.WhenIdleAsync();
    }
}
