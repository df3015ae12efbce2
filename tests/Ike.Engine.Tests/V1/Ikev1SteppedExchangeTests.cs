using Ike.Encoding.V1;
using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Transport;

namespace Ike.Engine.Tests.V1;

/// <summary>
/// IKEv1 exchanges stepped one datagram at a time over the in-memory network (STYLE.md item 12): the message order of
/// main, aggressive and quick mode, a lost message answered by retransmission, a repeated message answered with our
/// last one, and strongSwan's ordering where the first quick mode request overtakes aggressive mode's last message.
/// </summary>
public sealed class Ikev1SteppedExchangeTests
{
    static IsakmpHeader Header(Datagram datagram)
    {
        Assert.Equal(DatagramKind.Ike, IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> ike));
        Assert.True(IsakmpHeader.TryRead(ike.Span, out IsakmpHeader header));
        return header;
    }

    static bool Is(Datagram datagram, IsakmpExchangeType type) =>
        IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> ike) == DatagramKind.Ike
        && IsakmpHeader.TryRead(ike.Span, out IsakmpHeader header) && header.ExchangeType == type;

    [Fact]
    public async Task MainMode_SixMessagesThenQuickModeThree_IdentitiesEncrypted_FloatBeforeMessage5()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true;
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main));
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);
        await pair.A.WhenIdleAsync();

        // HDR, SA, VID(DPD), VID(RFC 3947) -->   <-- HDR, SA, VID, VID
        // HDR, KE, Ni, NAT-D, NAT-D -->          <-- HDR, KE, Nr, NAT-D, NAT-D
        for (int number = 1; number <= 4; number++)
        {
            IsakmpHeader header = Header(Assert.Single(pair.Network.Pending));
            Assert.Equal((IsakmpExchangeType.IdentityProtection, false), (header.ExchangeType, header.IsEncrypted));
            Assert.Equal(500, pair.Network.Pending[0].Local.Port);
            await pair.StepAsync();
        }

        // HDR*, IDii, HASH_I -->  from 4500 to 4500 (RFC 3947 §4: NAT-D said "NAT", the initiator floats)
        Datagram fifth = Assert.Single(pair.Network.Pending);
        Assert.True(Header(fifth).IsEncrypted);
        Assert.Equal((4500, 4500), (fifth.Local.Port, fifth.Remote.Port));
        await pair.StepAsync();
        // <-- HDR*, IDir, HASH_R
        Assert.True(Header(Assert.Single(pair.Network.Pending)).IsEncrypted);
        await pair.StepAsync();
        Assert.Equal("Established", Assert.Single(pair.B.ListSas()).State);

        // HDR*, HASH(1), SA, Ni, IDci, IDcr -->  <-- HDR*, HASH(2), SA, Nr, IDci, IDcr   HDR*, HASH(3) -->
        uint messageId = Header(Assert.Single(pair.Network.Pending)).MessageId;
        for (int number = 1; number <= 3; number++)
        {
            IsakmpHeader header = Header(Assert.Single(pair.Network.Pending));
            Assert.Equal((IsakmpExchangeType.QuickMode, true, messageId), (header.ExchangeType, header.IsEncrypted, header.MessageId));
            await pair.StepAsync();
        }

        Assert.True((await initiate).Established);
        Assert.Empty(pair.Network.Pending);
        Assert.Single(Assert.Single(pair.B.ListSas()).Children);
    }

    [Fact]
    public async Task AggressiveMode_QuickModeRequestBeforeTheThirdMessage_IsHeldNotLost()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true;
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Aggressive));
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Aggressive, fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);

        // HDR, SA, KE, Ni, IDii -->   <-- HDR, SA, KE, Nr, IDir, HASH_R
        await pair.StepAsync();
        await pair.StepAsync();
        // A sends HDR*, HASH_I and, right behind it, quick mode's first message (as strongSwan does)
        Assert.Equal(2, pair.Network.Pending.Count);
        Assert.True(Is(pair.Network.Pending[0], IsakmpExchangeType.Aggressive));
        Assert.True(Is(pair.Network.Pending[1], IsakmpExchangeType.QuickMode));

        // the network swaps them: quick mode arrives at B before phase 1 is complete there
        Assert.True(await pair.Network.DeliverPendingAsync(d => Is(d, IsakmpExchangeType.QuickMode)));
        await pair.B.WhenIdleAsync();
        Assert.Equal("Connecting", Assert.Single(pair.B.ListSas()).State);
        Assert.DoesNotContain(pair.Network.Pending, d => d.Local.Address.Equals(EnginePair.AddressB));

        // HDR*, HASH_I arrives: phase 1 completes and the held request is answered
        await pair.DeliverAllAsync();

        Assert.True((await initiate).Established);
        IkeSaSnapshot b = Assert.Single(pair.B.ListSas());
        Assert.Equal("Established", b.State);
        Assert.Single(b.Children);
        // nothing was lost: A sent quick mode messages 1 and 3 once each
        Assert.Equal(2, pair.Network.Sent.Count(d => d.Local.Address.Equals(EnginePair.AddressA) && Is(d, IsakmpExchangeType.QuickMode)));
    }

    [Fact]
    public async Task LostMessage_IsRetransmitted_AndARepeatedMessageGetsOurLastOneAgain()
    {
        await using var pair = EnginePair.Create();
        pair.Network.Hold = true;
        pair.A.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main));
        pair.B.LoadConnection(V1Configs.Config(IkeProtocol.Ikev1Main, fromB: true));
        Task<NegotiationResult> initiate = pair.A.InitiateAsync(EnginePair.Name);

        await pair.StepAsync(); // MM1 -->
        byte[] lost = pair.Network.Pending.Single().Payload.ToArray();
        Assert.True(pair.Network.DropNext()); // <-- MM2 lost

        // no acknowledgements in ISAKMP: each side sends its last message again when the next one does not come
        await pair.AdvanceAsync(EnginePair.FastTiming.RetransmitTimeout);
        Assert.Equal(2, pair.Network.Pending.Count);
        Assert.Contains(pair.Network.Pending, d => d.Local.Address.Equals(EnginePair.AddressB) && d.Payload.Span.SequenceEqual(lost));
        // A's repeated MM1 reaches B first: B answers it with the same MM2 once more, and processes nothing twice
        Assert.True(await pair.Network.DeliverPendingAsync(d => d.Local.Address.Equals(EnginePair.AddressA)));
        await pair.B.WhenIdleAsync();
        Assert.Equal(2, pair.Network.Pending.Count(d => d.Local.Address.Equals(EnginePair.AddressB) && d.Payload.Span.SequenceEqual(lost)));
        Assert.Single(pair.B.ListSas());

        await pair.DeliverAllAsync();
        Assert.True((await initiate).Established);
    }
}
