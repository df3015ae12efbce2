using System.Buffers.Binary;

namespace Ike.Encoding.V2.Payloads;

/// <summary>Notify payload (N).</summary>
/// <remarks>
/// RFC 7296 §3.10:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Protocol ID  |   SPI Size    |      Notify Message Type      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                Security Parameter Index (SPI)                 ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Notification Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// "If the SPI field is empty, [Protocol ID] MUST be sent as zero and MUST be ignored on receipt", so a decoded
/// notify without SPI always has <see cref="IpsecProtocolId.None"/>. "For a notification concerning the IKE SA,
/// the SPI Size MUST be zero"; a CHILD SA's SPI (ESP/AH) is four octets.
/// </remarks>
public sealed record NotifyPayload(IpsecProtocolId ProtocolId, ReadOnlyMemory<byte> Spi, NotifyType NotifyType, ReadOnlyMemory<byte> Data)
    : IkePayload
{
    private const int FixedLength = 4;

    public override PayloadType Type => PayloadType.Notify;

    /// <summary>An error notify (types below 16384, §3.10.1).</summary>
    public bool IsError => NotifyType.IsError();

    /// <summary>A notify about the IKE SA or the message itself: no protocol, no SPI.</summary>
    public static NotifyPayload Create(NotifyType type, ReadOnlyMemory<byte> data = default) =>
        new(IpsecProtocolId.None, ReadOnlyMemory<byte>.Empty, type, data);

    /// <summary>A notify about a CHILD SA, naming it by protocol and four-octet SPI (e.g. REKEY_SA, §3.10.1).</summary>
    public static NotifyPayload ForChildSa(NotifyType type, IpsecProtocolId protocol, uint spi, ReadOnlyMemory<byte> data = default)
    {
        var spiBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(spiBytes, spi);
        return new NotifyPayload(protocol, spiBytes, type, data);
    }

    /// <summary>INVALID_KE_PAYLOAD carrying the group the responder wants (§1.3 / §3.10.1: two octets, big endian).</summary>
    public static NotifyPayload InvalidKe(ushort acceptedGroup)
    {
        var data = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(data, acceptedGroup);
        return Create(NotifyType.InvalidKePayload, data);
    }

    public static NotifyPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var protocol = (IpsecProtocolId)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        byte spiSize = reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        var type = (NotifyType)reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort);
        byte[] spi = reader.ReadBytes(spiSize, IkeMalformedReason.PayloadBodyTooShort).ToArray();
        byte[] data = reader.ReadRest().ToArray();

        // §3.10: with no SPI the Protocol ID "MUST be ignored on receipt".
        var payload = new NotifyPayload(spiSize == 0 ? IpsecProtocolId.None : protocol, spi, type, data);
        payload.Validate();
        return payload;
    }

    /// <summary>The CHILD SA's SPI when the notify carries one.</summary>
    public bool TryGetChildSpi(out uint spi)
    {
        bool present = Spi.Length == 4 && ProtocolId is IpsecProtocolId.Esp or IpsecProtocolId.Ah;
        spi = present ? BinaryPrimitives.ReadUInt32BigEndian(Spi.Span) : 0;
        return present;
    }

    /// <summary>The group an INVALID_KE_PAYLOAD asks for.</summary>
    public bool TryGetAcceptedDhGroup(out ushort group)
    {
        bool present = NotifyType == NotifyType.InvalidKePayload && Data.Length == 2;
        group = present ? BinaryPrimitives.ReadUInt16BigEndian(Data.Span) : (ushort)0;
        return present;
    }

    public override int GetEncodedLength() => FixedLength + Spi.Length + Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte(Spi.IsEmpty ? (byte)0 : (byte)ProtocolId);
        writer.WriteByte((byte)Spi.Length);
        writer.WriteUInt16((ushort)NotifyType);
        writer.WriteBytes(Spi.Span);
        writer.WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        ValidateSpi();
        ValidateData();
    }

    private void ValidateSpi()
    {
        if (Spi.IsEmpty)
        {
            // §3.10: Protocol ID is zero when there is no SPI.
            if (ProtocolId != IpsecProtocolId.None)
            {
                throw new IkeMalformedException(IkeMalformedReason.NotifyProtocolInvalid, 0);
            }

            return;
        }

        bool valid = ProtocolId switch
        {
            // §3.10: SPI size is the protocol's SPI length; ESP and AH SPIs are four octets (RFC 4303 §2.1).
            IpsecProtocolId.Esp or IpsecProtocolId.Ah => Spi.Length == 4,
            // §3.10: "For a notification concerning the IKE SA, the SPI Size MUST be zero".
            _ => false,
        };

        if (!valid)
        {
            throw new IkeMalformedException(
                ProtocolId is IpsecProtocolId.Esp or IpsecProtocolId.Ah
                    ? IkeMalformedReason.SpiSizeInvalid
                    : IkeMalformedReason.NotifyProtocolInvalid,
                0);
        }
    }

    private void ValidateData()
    {
        int length = Data.Length;
        bool valid = NotifyType switch
        {
            // §3.10.1: INVALID_KE_PAYLOAD data is the two-octet accepted group number.
            NotifyType.InvalidKePayload => length == 2,
            // §2.6: "The data associated with this notification MUST be between 1 and 64 octets in length".
            NotifyType.Cookie => length is >= 1 and <= 64,
            // §2.23: NAT detection data is a SHA-1 hash (20 octets).
            NotifyType.NatDetectionSourceIp or NotifyType.NatDetectionDestinationIp => length == 20,
            // §2.3: SET_WINDOW_SIZE carries a four-octet window size.
            NotifyType.SetWindowSize => length == 4,
            // §3.10.1: REKEY_SA names the SA being rekeyed by its Protocol ID and SPI.
            NotifyType.RekeySa => !Spi.IsEmpty,
            // RFC 7427 §4: a list of two-octet hash algorithm identifiers.
            NotifyType.SignatureHashAlgorithms => length >= 2 && length % 2 == 0,
            _ => true,
        };

        if (!valid)
        {
            throw new IkeMalformedException(IkeMalformedReason.NotifyDataInvalid, FixedLength + Spi.Length);
        }
    }

    public bool Equals(NotifyPayload? other) =>
        other is not null && ProtocolId == other.ProtocolId && NotifyType == other.NotifyType
        && ValueEquality.BytesEqual(Spi, other.Spi) && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() =>
        HashCode.Combine(ProtocolId, NotifyType, ValueEquality.BytesHash(Spi), ValueEquality.BytesHash(Data));
}
