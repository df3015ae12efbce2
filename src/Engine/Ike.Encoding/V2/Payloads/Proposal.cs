using System.Buffers.Binary;

namespace Ike.Encoding.V2.Payloads;

/// <summary>A proposal substructure of an SA payload: one protocol, its SPI and the transforms offered.</summary>
/// <remarks>
/// RFC 7296 §3.3.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Last Substruc |   RESERVED    |         Proposal Length       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        SPI (variable)                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        &lt;Transforms&gt;                           ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Last Substruc is 0 for the last proposal and 2 otherwise. SPI Size: "For an initial IKE SA negotiation,
/// this field MUST be zero ... During subsequent negotiations, it is equal to the size, in octets, of the SPI
/// of the corresponding protocol (8 for IKE, 4 for ESP and AH)."
/// </remarks>
public sealed record Proposal(byte Number, IpsecProtocolId ProtocolId, ReadOnlyMemory<byte> Spi, IReadOnlyList<Transform> Transforms)
{
    /// <summary>Last Substruc value for "more proposals follow" (§3.3.1).</summary>
    public const byte MoreFollow = 2;

    private const int FixedLength = 8;

    /// <summary>An IKE proposal in IKE_SA_INIT: no SPI (it is in the header).</summary>
    public static Proposal ForIkeSaInit(byte number, IReadOnlyList<Transform> transforms) =>
        new(number, IpsecProtocolId.Ike, ReadOnlyMemory<byte>.Empty, transforms);

    /// <summary>An IKE proposal rekeying the IKE SA in CREATE_CHILD_SA: carries the new eight-octet SPI.</summary>
    public static Proposal ForIkeRekey(byte number, ulong spi, IReadOnlyList<Transform> transforms)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, spi);
        return new Proposal(number, IpsecProtocolId.Ike, bytes, transforms);
    }

    /// <summary>An ESP or AH proposal with the sender's inbound four-octet SPI.</summary>
    public static Proposal ForChildSa(byte number, IpsecProtocolId protocol, uint spi, IReadOnlyList<Transform> transforms)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
        return new Proposal(number, protocol, bytes, transforms);
    }

    /// <summary>The four-octet SPI of an ESP/AH proposal.</summary>
    public bool TryGetChildSpi(out uint spi)
    {
        bool present = Spi.Length == 4;
        spi = present ? BinaryPrimitives.ReadUInt32BigEndian(Spi.Span) : 0;
        return present;
    }

    /// <summary>The eight-octet SPI of an IKE rekey proposal.</summary>
    public bool TryGetIkeSpi(out ulong spi)
    {
        bool present = Spi.Length == 8;
        spi = present ? BinaryPrimitives.ReadUInt64BigEndian(Spi.Span) : 0;
        return present;
    }

    /// <summary>Reads one proposal and moves the reader past it; the reader does not move on failure.</summary>
    public static Proposal Read(ref SpanReader reader, out bool isLast)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason BadLength = IkeMalformedReason.ProposalLengthInvalid;
        byte last = cursor.ReadByte(BadLength);
        cursor.Skip(1, BadLength); // RESERVED: ignored on receipt (§3.3.1)
        ushort length = cursor.ReadUInt16(BadLength);

        // §3.3.1: Last Substruc is 0 (last) or 2 (more).
        if (last is not (0 or MoreFollow))
        {
            throw reader.Failure(IkeMalformedReason.ProposalCountMismatch);
        }

        if (length < FixedLength || length - 4 > cursor.Remaining)
        {
            throw reader.FailureAt(reader.Position + 2, BadLength);
        }

        SpanReader body = cursor.ReadNested(length - 4, BadLength);
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

        if (transformCount > CodecLimits.MaxTransformsPerProposal)
        {
            throw body.FailureAt(spiSizeOffset + 1, IkeMalformedReason.TooManyTransforms);
        }

        var transforms = new List<Transform>(transformCount);
        for (int i = 0; i < transformCount; i++)
        {
            if (body.IsAtEnd)
            {
                // Num Transforms announces more transforms than the proposal holds.
                throw body.Failure(IkeMalformedReason.TransformCountMismatch);
            }

            transforms.Add(Transform.Read(ref body, out bool transformIsLast));

            // The Last Substruc marker must agree with Num Transforms.
            if (transformIsLast != (i == transformCount - 1))
            {
                throw body.Failure(IkeMalformedReason.TransformCountMismatch);
            }
        }

        if (!body.IsAtEnd)
        {
            // Octets left after the announced transforms.
            throw body.Failure(IkeMalformedReason.TransformCountMismatch);
        }

        isLast = last == 0;
        reader = cursor;
        return new Proposal(number, protocol, spi, transforms);
    }

    public int GetEncodedLength() => FixedLength + Spi.Length + Transforms.Sum(transform => transform.GetEncodedLength());

    public void Write(ref SpanWriter writer, bool isLast)
    {
        if (!IsValidSpiSize(ProtocolId, Spi.Length))
        {
            throw new ArgumentException($"A {ProtocolId} proposal cannot carry a {Spi.Length}-octet SPI (RFC 7296 §3.3.1).");
        }

        if (Transforms.Count > byte.MaxValue || GetEncodedLength() > ushort.MaxValue)
        {
            throw new ArgumentException("Proposal too large for its length and count fields.");
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
        // §3.3.1: zero in IKE_SA_INIT, eight when rekeying the IKE SA.
        IpsecProtocolId.Ike => spiSize is 0 or 8,
        // §3.3.1: four for ESP and AH.
        IpsecProtocolId.Esp or IpsecProtocolId.Ah => spiSize == 4,
        // Unknown protocols: the proposal selection skips them (§3.3.6); their SPI is opaque.
        _ => true,
    };

    public bool Equals(Proposal? other) =>
        other is not null && Number == other.Number && ProtocolId == other.ProtocolId
        && ValueEquality.BytesEqual(Spi, other.Spi) && ValueEquality.ListsEqual(Transforms, other.Transforms);

    public override int GetHashCode() =>
        HashCode.Combine(Number, ProtocolId, ValueEquality.BytesHash(Spi), ValueEquality.ListHash(Transforms));
}
