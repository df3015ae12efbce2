using System.Buffers.Binary;

namespace Ike.Encoding.V1.Payloads;

/// <summary>Notification payload (N): errors, status, INITIAL-CONTACT, DPD.</summary>
/// <remarks>
/// RFC 2408 §3.14:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !              Domain of Interpretation  (DOI)                  !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                Security Parameter Index (SPI)                 ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Notification Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// DOI is 0 (ISAKMP) or 1 (IPsec). For PROTO_ISAKMP the cookie pair is the SPI, "therefore, the SPI Size is
/// irrelevant and MAY be from zero (0) to sixteen (16)"; ESP and AH SPIs are four octets. Data rules checked
/// here: R-U-THERE / R-U-THERE-ACK carry a four-octet sequence number with the cookie pair as SPI
/// (RFC 3706 §5), REPLAY-STATUS four octets (RFC 2407 §4.6.3.2), RESPONDER-LIFETIME a list of SA attributes
/// (RFC 2407 §4.6.3.1).
/// </remarks>
public sealed record NotificationPayload(
    DomainOfInterpretation Doi,
    IpsecProtocolId ProtocolId,
    ReadOnlyMemory<byte> Spi,
    IsakmpNotifyType NotifyType,
    ReadOnlyMemory<byte> Data) : IsakmpPayload
{
    private const int FixedLength = 8;
    private const int CookiePairLength = 16;
    private const int MaxIsakmpSpiSize = 16;
    private const int SequenceNumberLength = 4;

    public override IsakmpPayloadType Type => IsakmpPayloadType.Notification;

    /// <summary>An error notify (types below 16384, RFC 2408 §3.14.1).</summary>
    public bool IsError => NotifyType.IsError();

    /// <summary>A notify about the ISAKMP SA or the message itself: IPsec DOI, PROTO_ISAKMP, no SPI.</summary>
    public static NotificationPayload Create(IsakmpNotifyType type, ReadOnlyMemory<byte> data = default) =>
        new(DomainOfInterpretation.Ipsec, IpsecProtocolId.Ike, ReadOnlyMemory<byte>.Empty, type, data);

    /// <summary>A notify naming the ISAKMP SA by its cookie pair as SPI (INITIAL-CONTACT, DPD; RFC 2407 §4.6.3.3, RFC 3706 §5).</summary>
    public static NotificationPayload ForIsakmpSa(IsakmpNotifyType type, ulong initiatorCookie, ulong responderCookie, ReadOnlyMemory<byte> data = default) =>
        new(DomainOfInterpretation.Ipsec, IpsecProtocolId.Ike, CookiePair(initiatorCookie, responderCookie), type, data);

    /// <summary>A notify about an IPsec SA, named by protocol and four-octet SPI (e.g. RESPONDER-LIFETIME).</summary>
    public static NotificationPayload ForIpsecSa(IsakmpNotifyType type, IpsecProtocolId protocol, uint spi, ReadOnlyMemory<byte> data = default)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
        return new NotificationPayload(DomainOfInterpretation.Ipsec, protocol, bytes, type, data);
    }

    /// <summary>INITIAL-CONTACT for the ISAKMP SA being established (RFC 2407 §4.6.3.3).</summary>
    public static NotificationPayload InitialContact(ulong initiatorCookie, ulong responderCookie) =>
        ForIsakmpSa(IsakmpNotifyType.InitialContact, initiatorCookie, responderCookie);

    /// <summary>R-U-THERE with its sequence number (RFC 3706 §5).</summary>
    public static NotificationPayload RUThere(ulong initiatorCookie, ulong responderCookie, uint sequenceNumber) =>
        ForIsakmpSa(IsakmpNotifyType.RUThere, initiatorCookie, responderCookie, SequenceBytes(sequenceNumber));

    /// <summary>R-U-THERE-ACK echoing the request's sequence number (RFC 3706 §5).</summary>
    public static NotificationPayload RUThereAck(ulong initiatorCookie, ulong responderCookie, uint sequenceNumber) =>
        ForIsakmpSa(IsakmpNotifyType.RUThereAck, initiatorCookie, responderCookie, SequenceBytes(sequenceNumber));

    public static NotificationPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var doi = (DomainOfInterpretation)reader.ReadUInt32(IkeMalformedReason.PayloadBodyTooShort);
        var protocol = (IpsecProtocolId)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        byte spiSize = reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        var type = (IsakmpNotifyType)reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort);
        byte[] spi = reader.ReadBytes(spiSize, IkeMalformedReason.PayloadBodyTooShort).ToArray();
        var payload = new NotificationPayload(doi, protocol, spi, type, reader.ReadRest().ToArray());
        payload.Validate();
        return payload;
    }

    /// <summary>The DPD sequence number of an R-U-THERE or R-U-THERE-ACK.</summary>
    public bool TryGetSequenceNumber(out uint sequenceNumber)
    {
        bool present = NotifyType is IsakmpNotifyType.RUThere or IsakmpNotifyType.RUThereAck && Data.Length == SequenceNumberLength;
        sequenceNumber = present ? BinaryPrimitives.ReadUInt32BigEndian(Data.Span) : 0;
        return present;
    }

    /// <summary>The cookie pair when the SPI names the ISAKMP SA.</summary>
    public bool TryGetCookies(out ulong initiatorCookie, out ulong responderCookie)
    {
        bool present = ProtocolId == IpsecProtocolId.Ike && Spi.Length == CookiePairLength;
        initiatorCookie = present ? BinaryPrimitives.ReadUInt64BigEndian(Spi.Span) : 0;
        responderCookie = present ? BinaryPrimitives.ReadUInt64BigEndian(Spi.Span[8..]) : 0;
        return present;
    }

    /// <summary>The four-octet SPI when the notify concerns an ESP or AH SA.</summary>
    public bool TryGetIpsecSpi(out uint spi)
    {
        bool present = Spi.Length == 4 && ProtocolId is IpsecProtocolId.Esp or IpsecProtocolId.Ah;
        spi = present ? BinaryPrimitives.ReadUInt32BigEndian(Spi.Span) : 0;
        return present;
    }

    /// <summary>The SA attributes of a RESPONDER-LIFETIME (RFC 2407 §4.6.3.1), e.g. SA Life Type and Duration.</summary>
    public IReadOnlyList<DataAttribute> GetResponderLifetimeAttributes()
    {
        if (NotifyType != IsakmpNotifyType.ResponderLifetime)
        {
            return [];
        }

        return ReadAttributes(Data.Span);
    }

    public override int GetEncodedLength() => FixedLength + Spi.Length + Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteUInt32((uint)Doi);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte((byte)Spi.Length);
        writer.WriteUInt16((ushort)NotifyType);
        writer.WriteBytes(Spi.Span);
        writer.WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        // RFC 2408 §3.14: "DOI ... ISAKMP (0) or a specific DOI"; the IPsec DOI is the only one IKE knows.
        if (Doi is not (DomainOfInterpretation.Isakmp or DomainOfInterpretation.Ipsec))
        {
            throw new IkeMalformedException(IkeMalformedReason.DoiNotSupported, 0);
        }

        bool spiValid = ProtocolId switch
        {
            IpsecProtocolId.Ike => Spi.Length <= MaxIsakmpSpiSize,
            IpsecProtocolId.Esp or IpsecProtocolId.Ah => Spi.Length == 4,
            // Other protocols (IPCOMP, RESERVED 0, unknown): the SPI is opaque to the codec.
            _ => Spi.Length <= byte.MaxValue,
        };

        if (!spiValid)
        {
            throw new IkeMalformedException(IkeMalformedReason.SpiSizeInvalid, 5);
        }

        int dataOffset = FixedLength + Spi.Length;
        bool dataValid = NotifyType switch
        {
            // RFC 3706 §5: "Notification Data: Sequence Number (32 bits)".
            IsakmpNotifyType.RUThere or IsakmpNotifyType.RUThereAck => Data.Length == SequenceNumberLength,
            // RFC 2407 §4.6.3.2: the data is a four-octet replay detection flag.
            IsakmpNotifyType.ReplayStatus => Data.Length == 4,
            IsakmpNotifyType.ResponderLifetime => AttributesParse(Data.Span),
            _ => true,
        };

        if (!dataValid)
        {
            throw new IkeMalformedException(IkeMalformedReason.NotifyDataInvalid, dataOffset);
        }
    }

    public bool Equals(NotificationPayload? other) =>
        other is not null && Doi == other.Doi && ProtocolId == other.ProtocolId && NotifyType == other.NotifyType
        && ValueEquality.BytesEqual(Spi, other.Spi) && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() =>
        HashCode.Combine(Doi, ProtocolId, NotifyType, ValueEquality.BytesHash(Spi), ValueEquality.BytesHash(Data));

    private static bool AttributesParse(ReadOnlySpan<byte> data)
    {
        try
        {
            ReadAttributes(data);
            return true;
        }
        catch (IkeMalformedException)
        {
            return false;
        }
    }

    private static List<DataAttribute> ReadAttributes(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        var attributes = new List<DataAttribute>();
        while (!reader.IsAtEnd)
        {
            if (attributes.Count == CodecLimits.MaxDataAttributesPerTransform)
            {
                throw reader.Failure(IkeMalformedReason.TooManyTransformAttributes);
            }

            // RFC 2407 §4.6.3.1: the lifetime attributes are those of §4.5 (SA Life Type Basic, Duration Variable).
            attributes.Add(DataAttribute.Read(ref reader, static type => IpsecAttributeTypes.IsBasic((IpsecAttributeType)type)));
        }

        return attributes;
    }

    private static byte[] CookiePair(ulong initiatorCookie, ulong responderCookie)
    {
        var bytes = new byte[CookiePairLength];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, initiatorCookie);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), responderCookie);
        return bytes;
    }

    private static byte[] SequenceBytes(uint sequenceNumber)
    {
        var bytes = new byte[SequenceNumberLength];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, sequenceNumber);
        return bytes;
    }
}
