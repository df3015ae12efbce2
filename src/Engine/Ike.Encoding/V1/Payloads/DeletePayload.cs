using System.Buffers.Binary;

namespace Ike.Encoding.V1.Payloads;

/// <summary>Delete payload (D): the SAs the sender has removed.</summary>
/// <remarks>
/// RFC 2408 §3.15:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !              Domain of Interpretation  (DOI)                  !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Protocol-Id  !   SPI Size    !           # of SPIs           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~               Security Parameter Index(es) (SPI)              ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// For the ISAKMP SA "the Initiator and Responder cookie pair from the ISAKMP Header is the ISAKMP SPI" and
/// "the SPI Size would be 16 octets for each SPI being deleted"; ESP and AH SPIs are four octets (RFC 2407
/// §4.4.1), IPCOMP CPIs two (RFC 2407 §4.4.1.4; four tolerated). One payload deletes SAs of one protocol.
/// </remarks>
public sealed record DeletePayload : IsakmpPayload
{
    private const int FixedLength = 8;
    private const int CookiePairLength = 16;
    private const int IpsecSpiLength = 4;

    public DeletePayload(DomainOfInterpretation doi, IpsecProtocolId protocolId, IReadOnlyList<ReadOnlyMemory<byte>> spis)
    {
        Doi = doi;
        ProtocolId = protocolId;
        Spis = spis;
    }

    public override IsakmpPayloadType Type => IsakmpPayloadType.Delete;

    public DomainOfInterpretation Doi { get; }

    public IpsecProtocolId ProtocolId { get; }

    /// <summary>The SPIs, each <see cref="SpiSize"/> octets.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Spis { get; }

    public int SpiSize => Spis.Count == 0 ? 0 : Spis[0].Length;

    /// <summary>Deletes the ISAKMP SA named by its cookie pair.</summary>
    public static DeletePayload ForIsakmpSa(ulong initiatorCookie, ulong responderCookie)
    {
        var pair = new byte[CookiePairLength];
        BinaryPrimitives.WriteUInt64BigEndian(pair, initiatorCookie);
        BinaryPrimitives.WriteUInt64BigEndian(pair.AsSpan(8), responderCookie);
        return new DeletePayload(DomainOfInterpretation.Ipsec, IpsecProtocolId.Ike, [pair]);
    }

    /// <summary>Deletes ESP or AH SAs by the SPIs the sender receives on (RFC 2408 §3.15).</summary>
    public static DeletePayload ForIpsecSas(IpsecProtocolId protocol, params uint[] spis)
    {
        var list = new ReadOnlyMemory<byte>[spis.Length];
        for (int i = 0; i < spis.Length; i++)
        {
            var bytes = new byte[IpsecSpiLength];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, spis[i]);
            list[i] = bytes;
        }

        return new DeletePayload(DomainOfInterpretation.Ipsec, protocol, list);
    }

    public static DeletePayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var doi = (DomainOfInterpretation)reader.ReadUInt32(IkeMalformedReason.PayloadBodyTooShort);
        var protocol = (IpsecProtocolId)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        byte spiSize = reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        ushort count = reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort);

        ValidateHeader(doi, protocol, spiSize);

        // The SPI list must fill the body exactly; checking before allocating bounds the list by the bytes present.
        if (count == 0 || reader.Remaining != count * spiSize)
        {
            throw new IkeMalformedException(IkeMalformedReason.DeleteSpiCountMismatch, 6);
        }

        var spis = new ReadOnlyMemory<byte>[count];
        for (int i = 0; i < count; i++)
        {
            spis[i] = reader.ReadBytes(spiSize, IkeMalformedReason.DeleteSpiCountMismatch).ToArray();
        }

        return new DeletePayload(doi, protocol, spis);
    }

    /// <summary>The cookie pair of an ISAKMP SA delete.</summary>
    public bool TryGetCookies(out ulong initiatorCookie, out ulong responderCookie)
    {
        bool present = ProtocolId == IpsecProtocolId.Ike && Spis.Count == 1 && Spis[0].Length == CookiePairLength;
        initiatorCookie = present ? BinaryPrimitives.ReadUInt64BigEndian(Spis[0].Span) : 0;
        responderCookie = present ? BinaryPrimitives.ReadUInt64BigEndian(Spis[0].Span[8..]) : 0;
        return present;
    }

    /// <summary>The four-octet SPIs of an ESP or AH delete (empty for other protocols).</summary>
    public IReadOnlyList<uint> GetIpsecSpis() =>
        ProtocolId is IpsecProtocolId.Esp or IpsecProtocolId.Ah && SpiSize == IpsecSpiLength
            ? Spis.Select(spi => BinaryPrimitives.ReadUInt32BigEndian(spi.Span)).ToArray()
            : [];

    public override int GetEncodedLength() => FixedLength + (Spis.Count * SpiSize);

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteUInt32((uint)Doi);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte((byte)SpiSize);
        writer.WriteUInt16((ushort)Spis.Count);
        foreach (ReadOnlyMemory<byte> spi in Spis)
        {
            writer.WriteBytes(spi.Span);
        }
    }

    public override void Validate()
    {
        ValidateHeader(Doi, ProtocolId, SpiSize);
        if (Spis.Count is 0 or > ushort.MaxValue || Spis.Any(spi => spi.Length != SpiSize))
        {
            throw new IkeMalformedException(IkeMalformedReason.DeleteSpiCountMismatch, 6);
        }
    }

    public bool Equals(DeletePayload? other)
    {
        if (other is null || Doi != other.Doi || ProtocolId != other.ProtocolId || Spis.Count != other.Spis.Count)
        {
            return false;
        }

        for (int i = 0; i < Spis.Count; i++)
        {
            if (!ValueEquality.BytesEqual(Spis[i], other.Spis[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.Add(Doi);
        hash.Add(ProtocolId);
        foreach (ReadOnlyMemory<byte> spi in Spis)
        {
            hash.AddBytes(spi.Span);
        }

        return hash.ToHashCode();
    }

    private static void ValidateHeader(DomainOfInterpretation doi, IpsecProtocolId protocol, int spiSize)
    {
        if (doi is not (DomainOfInterpretation.Isakmp or DomainOfInterpretation.Ipsec))
        {
            throw new IkeMalformedException(IkeMalformedReason.DoiNotSupported, 0);
        }

        int[] allowedSizes = protocol switch
        {
            IpsecProtocolId.Ike => [CookiePairLength],
            IpsecProtocolId.Esp or IpsecProtocolId.Ah => [IpsecSpiLength],
            ProposalPayload.IpComp => [2, IpsecSpiLength],
            _ => throw new IkeMalformedException(IkeMalformedReason.DeleteProtocolInvalid, 4),
        };

        if (!allowedSizes.Contains(spiSize))
        {
            throw new IkeMalformedException(IkeMalformedReason.SpiSizeInvalid, 5);
        }
    }
}
