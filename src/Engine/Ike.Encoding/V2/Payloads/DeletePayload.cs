namespace Ike.Encoding.V2.Payloads;

/// <summary>Delete payload (D).</summary>
/// <remarks>
/// RFC 7296 §3.11:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Protocol ID   |   SPI Size    |          Num of SPIs          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~               Security Parameter Index(es) (SPI)              ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Deleting the IKE SA: Protocol ID 1, SPI Size 0 and no SPIs ("the SPI Size MUST be zero ... the SPI is
/// that of the IKE SA carrying the message"). Deleting CHILD SAs: ESP (3) or AH (2), four-octet SPIs, which
/// are the SPIs the sender expects in inbound packets.
/// </remarks>
public sealed record DeletePayload(IpsecProtocolId ProtocolId, IReadOnlyList<uint> Spis) : IkePayload
{
    private const int FixedLength = 4;
    private const int ChildSpiSize = 4;

    public override PayloadType Type => PayloadType.Delete;

    public static DeletePayload ForIkeSa() => new(IpsecProtocolId.Ike, []);

    public static DeletePayload ForChildSas(IpsecProtocolId protocol, params uint[] spis) => new(protocol, spis);

    public static DeletePayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var protocol = (IpsecProtocolId)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        byte spiSize = reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        ushort count = reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort);

        int expectedSpiSize = protocol switch
        {
            IpsecProtocolId.Ike => 0,
            IpsecProtocolId.Esp or IpsecProtocolId.Ah => ChildSpiSize,
            _ => throw new IkeMalformedException(IkeMalformedReason.DeleteProtocolInvalid, 0),
        };

        if (spiSize != expectedSpiSize)
        {
            throw new IkeMalformedException(IkeMalformedReason.SpiSizeInvalid, 1);
        }

        // The SPI list must fill the body exactly; checking before allocating bounds the list by the bytes present.
        if (protocol == IpsecProtocolId.Ike ? count != 0 || !reader.IsAtEnd : reader.Remaining != count * ChildSpiSize)
        {
            throw new IkeMalformedException(IkeMalformedReason.DeleteSpiCountMismatch, 2);
        }

        var spis = new uint[count];
        for (int i = 0; i < count; i++)
        {
            spis[i] = reader.ReadUInt32(IkeMalformedReason.DeleteSpiCountMismatch);
        }

        return new DeletePayload(protocol, spis);
    }

    public override int GetEncodedLength() => FixedLength + (Spis.Count * SpiSize);

    private int SpiSize => ProtocolId == IpsecProtocolId.Ike ? 0 : ChildSpiSize;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte((byte)SpiSize);
        writer.WriteUInt16((ushort)Spis.Count);
        foreach (uint spi in Spis)
        {
            writer.WriteUInt32(spi);
        }
    }

    public override void Validate()
    {
        switch (ProtocolId)
        {
            case IpsecProtocolId.Ike when Spis.Count != 0:
                // §3.11: the IKE SA being deleted is the one carrying the message; it has no SPI list.
                throw new IkeMalformedException(IkeMalformedReason.DeleteSpiCountMismatch, 2);
            case IpsecProtocolId.Ike:
                return;
            case IpsecProtocolId.Esp or IpsecProtocolId.Ah when Spis.Count > ushort.MaxValue:
                throw new IkeMalformedException(IkeMalformedReason.DeleteSpiCountMismatch, 2);
            case IpsecProtocolId.Esp or IpsecProtocolId.Ah:
                return;
            default:
                throw new IkeMalformedException(IkeMalformedReason.DeleteProtocolInvalid, 0);
        }
    }

    public bool Equals(DeletePayload? other) =>
        other is not null && ProtocolId == other.ProtocolId && ValueEquality.ListsEqual(Spis, other.Spis);

    public override int GetHashCode() => HashCode.Combine(ProtocolId, ValueEquality.ListHash(Spis));
}
