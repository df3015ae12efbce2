using System.Buffers.Binary;

namespace Ike.Encoding.V1.Payloads;

/// <summary>A Proposal payload inside an SA payload: one protocol, its SPI and the alternative transforms offered for it.</summary>
/// <remarks>
/// RFC 2408 §3.5:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                        SPI (variable)                         !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// followed by the Transform payloads. Next Payload is 2 when another proposal follows and 0 for the last one.
/// Proposals sharing a Proposal # are a bundle that must all be accepted together (logical AND, e.g. AH+ESP);
/// different numbers are alternatives (logical OR) in order of preference (RFC 2408 §4.2). SPI Size: for
/// PROTO_ISAKMP the cookies are the SPI, so "the SPI Size is irrelevant and MAY be from zero (0) to sixteen
/// (16)" and its content is ignored; ESP and AH SPIs are four octets (RFC 2407 §4.4.1); an IPCOMP CPI is two
/// octets, sometimes sent as four (RFC 2407 §4.4.1.4).
/// </remarks>
public sealed record ProposalPayload(byte Number, IpsecProtocolId ProtocolId, ReadOnlyMemory<byte> Spi, IReadOnlyList<TransformPayload> Transforms)
{
    /// <summary>Next Payload value meaning "another proposal follows" (RFC 2408 §3.5).</summary>
    public const byte MoreFollow = (byte)IsakmpPayloadType.Proposal;

    /// <summary>PROTO_IPCOMP (RFC 2407 §4.4.1), not an <see cref="IpsecProtocolId"/> member because IKEv2 has no IPCOMP proposals.</summary>
    public const IpsecProtocolId IpComp = (IpsecProtocolId)4;

    private const int HeaderLength = 4;
    private const int FixedLength = 8;
    private const int MaxIsakmpSpiSize = 16;

    /// <summary>A phase 1 proposal: PROTO_ISAKMP, no SPI (the cookies identify the SA).</summary>
    public static ProposalPayload ForIsakmp(byte number, IReadOnlyList<TransformPayload> transforms) =>
        new(number, IpsecProtocolId.Ike, ReadOnlyMemory<byte>.Empty, transforms);

    /// <summary>A phase 2 ESP or AH proposal with the sender's inbound four-octet SPI.</summary>
    public static ProposalPayload ForIpsec(byte number, IpsecProtocolId protocol, uint spi, IReadOnlyList<TransformPayload> transforms)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
        return new ProposalPayload(number, protocol, bytes, transforms);
    }

    /// <summary>The four-octet SPI of an ESP/AH proposal.</summary>
    public bool TryGetIpsecSpi(out uint spi)
    {
        bool present = Spi.Length == 4 && ProtocolId is IpsecProtocolId.Esp or IpsecProtocolId.Ah;
        spi = present ? BinaryPrimitives.ReadUInt32BigEndian(Spi.Span) : 0;
        return present;
    }

    /// <summary>Reads one proposal (generic header and transforms included) and moves the reader past it; the reader does not move on failure.</summary>
    public static ProposalPayload Read(ref SpanReader reader, out bool isLast)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason BadLength = IkeMalformedReason.ProposalLengthInvalid;
        byte next = cursor.ReadByte(BadLength);
        cursor.Skip(1, BadLength); // RESERVED
        ushort length = cursor.ReadUInt16(BadLength);

        // RFC 2408 §3.5: Next Payload "MUST contain the value 2 or 0".
        if (next is not (0 or MoreFollow))
        {
            throw reader.Failure(IkeMalformedReason.ProposalCountMismatch);
        }

        if (length < FixedLength || length - HeaderLength > cursor.Remaining)
        {
            throw reader.FailureAt(reader.Position + 2, BadLength);
        }

        SpanReader body = cursor.ReadNested(length - HeaderLength, BadLength);
        byte number = body.ReadByte(BadLength);
        var protocol = (IpsecProtocolId)body.ReadByte(BadLength);
        int spiSizeOffset = body.Position;
        byte spiSize = body.ReadByte(BadLength);
        byte transformCount = body.ReadByte(BadLength);

        if (!IsValidSpiSize(protocol, spiSize))
        {
            throw body.FailureAt(spiSizeOffset, IkeMalformedReason.SpiSizeInvalid);
        }

        byte[] spi = body.ReadBytes(spiSize, BadLength).ToArray();

        // RFC 2408 §3.5: "# of Transforms - Specifies the number of transforms for the Proposal"; a proposal
        // offers at least one (a chosen proposal in a reply carries exactly one).
        if (transformCount == 0)
        {
            throw body.FailureAt(spiSizeOffset + 1, IkeMalformedReason.TransformCountMismatch);
        }

        // # of Transforms is one octet, so a proposal holds at most 255 transforms; each takes at least eight
        // octets, so the count is also bounded by the bytes present.
        var transforms = new List<TransformPayload>(Math.Min((int)transformCount, body.Remaining / FixedLength));
        for (int i = 0; i < transformCount; i++)
        {
            if (body.IsAtEnd)
            {
                // # of Transforms announces more transforms than the proposal holds.
                throw body.Failure(IkeMalformedReason.TransformCountMismatch);
            }

            transforms.Add(TransformPayload.Read(ref body, protocol, out bool transformIsLast));

            // The Next Payload chain of the transforms must agree with # of Transforms.
            if (transformIsLast != (i == transformCount - 1))
            {
                throw body.Failure(IkeMalformedReason.TransformCountMismatch);
            }
        }

        if (!body.IsAtEnd)
        {
            // Octets left after the announced transforms (or transforms when none were announced).
            throw body.Failure(IkeMalformedReason.TransformCountMismatch);
        }

        isLast = next == 0;
        reader = cursor;
        return new ProposalPayload(number, protocol, spi, transforms);
    }

    /// <summary>Encoded length, generic header and transforms included.</summary>
    public int GetEncodedLength() => FixedLength + Spi.Length + Transforms.Sum(transform => transform.GetEncodedLength());

    public void Write(ref SpanWriter writer, bool isLast)
    {
        if (!IsValidSpiSize(ProtocolId, Spi.Length))
        {
            throw new ArgumentException($"A {ProtocolId} proposal cannot carry a {Spi.Length}-octet SPI (RFC 2408 §3.5, RFC 2407 §4.4.1).");
        }

        if (Transforms.Count is 0 or > byte.MaxValue || GetEncodedLength() > ushort.MaxValue)
        {
            throw new ArgumentException("A proposal carries 1..255 transforms within a 16-bit length (RFC 2408 §3.5).");
        }

        writer.WriteByte(isLast ? (byte)0 : MoreFollow);
        writer.WriteZeros(1);
        writer.WriteUInt16((ushort)GetEncodedLength());
        writer.WriteByte(Number);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte((byte)Spi.Length);
        writer.WriteByte((byte)Transforms.Count);
        writer.WriteBytes(Spi.Span);
        for (int i = 0; i < Transforms.Count; i++)
        {
            Transforms[i].Write(ref writer, isLast: i == Transforms.Count - 1);
        }
    }

    private static bool IsValidSpiSize(IpsecProtocolId protocol, int spiSize) => protocol switch
    {
        IpsecProtocolId.Ike => spiSize <= MaxIsakmpSpiSize,
        IpsecProtocolId.Esp or IpsecProtocolId.Ah => spiSize == 4,
        IpComp => spiSize is 2 or 4,
        // Unknown protocols: the proposal selection skips them; their SPI is opaque.
        _ => true,
    };

    public bool Equals(ProposalPayload? other) =>
        other is not null && Number == other.Number && ProtocolId == other.ProtocolId
        && ValueEquality.BytesEqual(Spi, other.Spi) && ValueEquality.ListsEqual(Transforms, other.Transforms);

    public override int GetHashCode() =>
        HashCode.Combine(Number, ProtocolId, ValueEquality.BytesHash(Spi), ValueEquality.ListHash(Transforms));
}
