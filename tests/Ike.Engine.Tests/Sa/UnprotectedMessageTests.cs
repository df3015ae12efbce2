using System.Buffers.Binary;
using System.Net;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Sa;
using Ike.Engine.Tests.TestSupport;
using Ike.Engine.Transport;

namespace Ike.Engine.Tests.Sa;

/// <summary>
/// Error handling outside and at the edge of an IKE SA (RFC 7296 §1.5, §2.5, §2.21): INVALID_MAJOR_VERSION and
/// INVALID_IKE_SPI answered in clear and rate-limited, a received INVALID_IKE_SPI taken only as a hint, and an
/// authenticated but malformed request answered with INVALID_SYNTAX.
/// </summary>
public sealed class UnprotectedMessageTests
{
    static readonly IPEndPoint Stranger = new(IPAddress.Parse("10.0.0.9"), 500);
    static readonly IPEndPoint B500 = new(EnginePair.AddressB, 500);

    [Fact]
    public async Task IkeSaInitOfAHigherMajorVersion_IsAnsweredWithInvalidMajorVersion_AndNothingIsKept()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        byte[] request = Header(0x1122334455667788, 0, PayloadType.None, version: 0x30, ExchangeType.IkeSaInit, IkeHeaderFlags.Initiator, messageId: 0, length: 28);

        await pair.Network.DeliverAsync(new Datagram(Stranger, B500, request));
        await pair.B.WhenIdleAsync();

        // HDR(3.0, IKE_SA_INIT, I) -->   <-- HDR(2.0, SPIs and Message ID copied, R), N(INVALID_MAJOR_VERSION)
        Datagram answer = Assert.Single(pair.Network.Sent, d => d.Remote.Equals(Stranger));
        IkeHeader header = Wire.Header(answer)!.Value;
        Assert.Equal((0x1122334455667788ul, 0ul, ExchangeType.IkeSaInit, 0u), (header.InitiatorSpi, header.ResponderSpi, header.ExchangeType, header.MessageId));
        Assert.Equal((2, true, false), (header.MajorVersion, header.IsResponse, header.IsFromOriginalInitiator));
        Assert.Equal(NotifyType.InvalidMajorVersion, Assert.Single(Decode(answer).Payloads.OfType<NotifyPayload>()).NotifyType);
        Assert.Empty(pair.B.ListSas());
        Assert.Equal(0, await pair.B.InspectAsync(core => core.HalfOpenCount));
    }

    [Fact]
    public async Task IkeV1Header_IsDroppedWithoutAnAnswer()
    {
        await using var pair = EnginePair.Create();
        pair.B.LoadConnection(EnginePair.Config(fromB: true));

        await pair.Network.DeliverAsync(new Datagram(Stranger, B500, Header(1, 0, PayloadType.None, version: 0x10, (ExchangeType)2, 0, 0, 28)));
        await pair.B.WhenIdleAsync();

        Assert.DoesNotContain(pair.Network.Sent, d => d.Remote.Equals(Stranger));
    }

    [Fact]
    public async Task ProtectedRequestForAnUnknownIkeSa_GetsInvalidIkeSpi_InClear_RateLimited()
    {
        await using var pair = EnginePair.Create();
        int limit = EnginePair.FastTiming.UnprotectedResponsesPerSecond;

        // HDR(unknown SPIs, INFORMATIONAL, I, #n), SK{...} --> (many, at one instant: a flood with forged sources)
        for (uint id = 0; id < limit + 15; id++)
        {
            await pair.Network.DeliverAsync(new Datagram(Stranger, B500, ProtectedLookingRequest(id)));
        }

        await pair.B.WhenIdleAsync();
        List<Datagram> answers = [.. pair.Network.Sent.Where(d => d.Remote.Equals(Stranger))];
        Assert.Equal(limit, answers.Count);
        // <-- HDR(SPIs and Message ID copied, R), N(INVALID_IKE_SPI), not protected (§1.5)
        IkeHeader first = Wire.Header(answers[0])!.Value;
        Assert.Equal((0xaaaaaaaaaaaaaaaaul, 0xbbbbbbbbbbbbbbbbul, ExchangeType.Informational, 0u, true, false),
            (first.InitiatorSpi, first.ResponderSpi, first.ExchangeType, first.MessageId, first.IsResponse, first.IsFromOriginalInitiator));
        IkeMessage message = Decode(answers[0]);
        Assert.False(message.IsProtected);
        Assert.Equal(NotifyType.InvalidIkeSpi, Assert.Single(message.Payloads.OfType<NotifyPayload>()).NotifyType);

        // the bucket refills with time
        await pair.AdvanceAsync(TimeSpan.FromSeconds(1));
        await pair.Network.DeliverAsync(new Datagram(Stranger, B500, ProtectedLookingRequest(999)));
        await pair.B.WhenIdleAsync();
        Assert.Equal(limit + 1, pair.Network.Sent.Count(d => d.Remote.Equals(Stranger)));
    }

    [Fact]
    public async Task ResponsesAndGarbageForUnknownSpis_AreNeverAnswered()
    {
        await using var pair = EnginePair.Create();
        byte[] response = ProtectedLookingRequest(1);
        response[19] = (byte)IkeHeaderFlags.Response;
        byte[] unprotected = ProtectedLookingRequest(2);
        unprotected[16] = (byte)PayloadType.Notify;

        foreach (byte[] payload in new[] { response, unprotected })
        {
            await pair.Network.DeliverAsync(new Datagram(Stranger, B500, payload));
        }

        await pair.B.WhenIdleAsync();
        Assert.DoesNotContain(pair.Network.Sent, d => d.Remote.Equals(Stranger));
    }

    [Fact]
    public async Task ReceivedInvalidIkeSpi_ChangesNoState_AndOnlyStartsALivenessCheck()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        IkeSaSnapshot before = Assert.Single(pair.A.ListSas());
        pair.Network.Hold = true;

        // <-- HDR(A's SPIs, INFORMATIONAL, R, #7), N(INVALID_IKE_SPI) in clear: maybe B restarted, maybe a forgery
        var notify = new IkeMessage(before.InitiatorSpi, before.ResponderSpi, ExchangeType.Informational, IkeHeaderFlags.Response, 7,
            [NotifyPayload.Create(NotifyType.InvalidIkeSpi)]);
        byte[] packet = IkeMessageCodec.Encode(notify, null);
        await pair.Network.DeliverAsync(new Datagram(before.Remote, before.Local, IkeFraming.Frame(packet, before.Remote, before.Local)));
        await pair.A.WhenIdleAsync();

        // A does not answer it; it asks B whether the SA is alive: HDR, SK {} -->
        Datagram check = Assert.Single(pair.Network.Pending);
        Assert.True(Wire.Is(check, ExchangeType.Informational, response: false));
        Assert.Equal(before.InitiatorSpi, Wire.Header(check)!.Value.InitiatorSpi);
        Assert.Equal("Established", Assert.Single(pair.A.ListSas()).State);

        // B is alive: the SA stays, nothing was deleted
        await pair.DeliverAllAsync();
        IkeSaSnapshot after = Assert.Single(pair.A.ListSas());
        Assert.Equal((before.InitiatorSpi, before.ResponderSpi, "Established"), (after.InitiatorSpi, after.ResponderSpi, after.State));
        Assert.Single(after.Children);
        Assert.DoesNotContain(pair.EventsA, e => e.Type is EngineEventType.IkeSaDeleted or EngineEventType.PeerDead);
    }

    [Fact]
    public async Task AuthenticatedMalformedRequest_IsAnsweredWithInvalidSyntax_AForgedOneWithNothing()
    {
        await using var pair = EnginePair.Create();
        pair.A.LoadConnection(EnginePair.Config());
        pair.B.LoadConnection(EnginePair.Config(fromB: true));
        Assert.True((await pair.A.InitiateAsync(EnginePair.Name)).Established);
        pair.Network.Hold = true;

        // HDR, SK { Ni } --> : a Nonce has no place in INFORMATIONAL (§1.4), the ICV is A's real one
        (byte[] packet, IPEndPoint from, IPEndPoint to, uint messageId) = await pair.A.InspectAsync(core =>
        {
            IkeSa sa = core.Sas.Single();
            var request = new IkeMessage(sa.InitiatorSpi, sa.ResponderSpi, ExchangeType.Informational, IkeHeaderFlags.Initiator,
                sa.Tasks.NextRequestId, [], [new NoncePayload(new byte[32])]);
            return (IkeMessageCodec.Encode(request, sa.Outbound), sa.Local, sa.Remote, sa.Tasks.NextRequestId);
        });
        byte[] forged = (byte[])packet.Clone();
        forged[^1] ^= 0x01;

        await pair.Network.DeliverAsync(new Datagram(from, to, IkeFraming.Frame(forged, from, to)));
        await pair.B.WhenIdleAsync();
        Assert.Empty(pair.Network.Pending); // §2.21.2: an ICV failure is dropped without a word

        await pair.Network.DeliverAsync(new Datagram(from, to, IkeFraming.Frame(packet, from, to)));
        await pair.B.WhenIdleAsync();

        // <-- HDR, SK { N(INVALID_SYNTAX) }, protected with B's keys, same Message ID (§2.21.2)
        Datagram answer = Assert.Single(pair.Network.Pending);
        IkeFraming.Classify(answer.Local, answer.Remote, answer.Payload, out ReadOnlyMemory<byte> ike);
        DecodeResult decoded = await pair.A.InspectAsync(core => IkeMessageCodec.Decode(ike.Span, core.Sas.Single().FromResponder));
        Assert.True(decoded.IsOk, decoded.ToString());
        Assert.True(decoded.Message.IsResponse);
        Assert.Equal(messageId, decoded.Message.MessageId);
        Assert.Equal(NotifyType.InvalidSyntax, Assert.Single(decoded.Message.EncryptedPayloads!.OfType<NotifyPayload>()).NotifyType);
        Assert.Equal("Established", Assert.Single(pair.B.ListSas()).State);
    }

    static byte[] Header(ulong spiI, ulong spiR, PayloadType next, byte version, ExchangeType exchange, IkeHeaderFlags flags, uint messageId, uint length)
    {
        var bytes = new byte[length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, spiI);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), spiR);
        bytes[16] = (byte)next;
        bytes[17] = version;
        bytes[18] = (byte)exchange;
        bytes[19] = (byte)flags;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), messageId);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), length);
        return bytes;
    }

    /// <summary>An INFORMATIONAL request whose first payload is SK (4-octet header and 40 octets nobody can open).</summary>
    static byte[] ProtectedLookingRequest(uint messageId)
    {
        byte[] bytes = Header(0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb, PayloadType.Encrypted, 0x20, ExchangeType.Informational, IkeHeaderFlags.Initiator, messageId, 28 + 44);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(30), 44);
        return bytes;
    }

    /// <summary>An unprotected answer: its payloads are readable even though a clear INFORMATIONAL breaks the rules.</summary>
    static IkeMessage Decode(Datagram datagram)
    {
        IkeFraming.Classify(datagram.Local, datagram.Remote, datagram.Payload, out ReadOnlyMemory<byte> ike);
        DecodeResult result = IkeMessageCodec.Decode(ike.Span, null);
        return Assert.IsType<IkeMessage>(result.Message);
    }
}
