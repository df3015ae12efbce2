using System.Net;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.Sa;

/// <summary>
/// Both ends initiate the same connection at once (an engine restarted while the peer's DPD restarted the tunnel from its
/// side): two IKE SAs come up. The rule of rekey collisions (RFC 7296 §2.8.1) decides on the four IKE_SA_INIT nonces:
/// the SA holding the lowest one is deleted by its creator, and neither end reports the tunnel going down.
/// </summary>
public sealed class DuplicateIkeSaTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BothInitiateAtOnce_TheSaWithTheLowestNonceIsDeletedByItsCreator_AndTheTunnelStaysUp(bool aHoldsTheLowestNonce)
    {
        // A's IKE_SA_INIT goes first, so A's first nonce is its Ni; with A's nonces below B's, that is the lowest
        await using var pair = EnginePair.Create(
            randomA: new OrderedNonces(aHoldsTheLowestNonce ? (byte)0x00 : (byte)0x80),
            randomB: new OrderedNonces(aHoldsTheLowestNonce ? (byte)0x80 : (byte)0x00));
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        pair.Network.Hold = true;

        // A: IKE_SA_INIT -->   <-- B: IKE_SA_INIT, both on the wire before either arrives
        Task<NegotiationResult> fromA = pair.A.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync();
        Task<NegotiationResult> fromB = pair.B.InitiateAsync(EnginePair.Name);
        await pair.SettleAsync();
        Assert.Equal(2, pair.Network.Pending.Count);
        // from here on datagrams flow as sent: the Delete of the redundant SA follows the check that runs after IKE_AUTH
        pair.Network.Hold = false;
        await pair.DeliverAllAsync();
        Assert.True((await fromA).Established);
        Assert.True((await fromB).Established);
        await pair.SettleAsync();

        // one IKE SA left on each side, the same one: the SA the other end created (A's Ni was the lowest when A held it)
        IkeSaSnapshot a = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal((a.InitiatorSpi, a.ResponderSpi), (b.InitiatorSpi, b.ResponderSpi));
        Assert.Equal(aHoldsTheLowestNonce ? (false, true) : (true, false), (a.Initiator, b.Initiator));
        Assert.Equal(("Established", "Established"), (a.State, b.State));
        Assert.Single(a.Children);
        Assert.Single(b.Children);

        // the retired duplicate was no tunnel going down, on either side
        foreach (List<EngineEvent> events in new[] { pair.EventsA, pair.EventsB })
        {
            Assert.DoesNotContain(events, e => e.Type is EngineEventType.IkeSaDeleted or EngineEventType.ChildSaDeleted or EngineEventType.NegotiationFailed);
        }
    }
    [Fact]
    public async Task APeerThatRebootedComesBackWithInitialContact_ItsLostSaIsDroppedAtOnce_AndTheTunnelIsNotReportedDown()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        await pair.SettleAsync();
        IkeSaSnapshot lost = Assert.Single(pair.A.ListSas());

        // B reboots: its engine goes without a word; after a while a new one takes its addresses and initiates, with
        // INITIAL_CONTACT since it has no other IKE SA (§3.10.1)
        await pair.B.DisposeAsync();
        pair.Time.Advance(TimeSpan.FromSeconds(30));
        await using var rebooted = new IkeEngine(
            pair.Network.Attach(new IPEndPoint(EnginePair.AddressB, 500), new IPEndPoint(EnginePair.AddressB, 4500)),
            new IkeEngineOptions { TimeProvider = pair.Time, Timing = EnginePair.FastTiming, ForceUdpEncapsulation = true });
        rebooted.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await rebooted.InitiateAsync(EnginePair.Name)).Established);
        await pair.A.WhenIdleAsync();
        await rebooted.WhenIdleAsync();

        // A dropped the SA the rebooted peer lost, without waiting for DPD, and kept the new one
        IkeSaSnapshot current = Assert.Single(pair.A.ListSas());
        IkeSaSnapshot theirs = Assert.Single(rebooted.ListSas());
        Assert.Equal((theirs.InitiatorSpi, theirs.ResponderSpi), (current.InitiatorSpi, current.ResponderSpi));
        Assert.NotEqual(lost.InitiatorSpi, current.InitiatorSpi);
        Assert.Single(current.Children);
        Assert.DoesNotContain(pair.EventsA, e => e.Type is EngineEventType.IkeSaDeleted or EngineEventType.ChildSaDeleted);
    }
}
