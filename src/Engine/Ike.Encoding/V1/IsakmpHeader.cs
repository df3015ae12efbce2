namespace Ike.Encoding.V1;

/// <summary>The fixed 28-octet ISAKMP header.</summary>
/// <remarks>
/// RFC 2408 §3.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                          Initiator                            !
/// !                            Cookie                             !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                          Responder                            !
/// !                            Cookie                             !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                          Message ID                           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                            Length                             !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The cookie pair is the ISAKMP SA's SPI (RFC 2408 §2.5.3). The Message ID is zero in phase 1 and a
/// random value naming the exchange in phase 2 (§3.1). Length covers the header and everything after it,
/// padding of an encrypted message included. This type is the raw wire view: it checks nothing but size;
/// the message codec applies the rules and reports them as decode outcomes.
/// </remarks>
public readonly record struct IsakmpHeader(
    ulong InitiatorCookie,
    ulong ResponderCookie,
    IsakmpPayloadType NextPayload,
    byte MajorVersion,
    byte MinorVersion,
    IsakmpExchangeType ExchangeType,
    IsakmpHeaderFlags Flags,
    uint MessageId,
    uint Length)
{
    public const int Size = 28;

    /// <summary>RFC 2408 §3.1: "Implementations based on this version of ISAKMP MUST set the Major Version to 1".</summary>
    public const byte CurrentMajorVersion = 1;

    /// <summary>RFC 2408 §3.1: "... MUST set the Minor Version to 0".</summary>
    public const byte CurrentMinorVersion = 0;

    public bool IsEncrypted => (Flags & IsakmpHeaderFlags.Encryption) != 0;

    /// <summary>Reads the header from the start of <paramref name="datagram"/>.</summary>
    /// <exception cref="IkeMalformedException">TruncatedHeader when fewer than 28 octets are present.</exception>
    public static IsakmpHeader Read(ReadOnlySpan<byte> datagram)
    {
        if (!TryRead(datagram, out IsakmpHeader header))
        {
            throw new IkeMalformedException(IkeMalformedReason.TruncatedHeader, datagram.Length);
        }

        return header;
    }

    public static bool TryRead(ReadOnlySpan<byte> datagram, out IsakmpHeader header)
    {
        if (datagram.Length < Size)
        {
            header = default;
            return false;
        }

        var reader = new SpanReader(datagram);
        const IkeMalformedReason Short = IkeMalformedReason.TruncatedHeader;
        ulong initiatorCookie = reader.ReadUInt64(Short);
        ulong responderCookie = reader.ReadUInt64(Short);
        var nextPayload = (IsakmpPayloadType)reader.ReadByte(Short);
        byte version = reader.ReadByte(Short);
        var exchangeType = (IsakmpExchangeType)reader.ReadByte(Short);
        var flags = (IsakmpHeaderFlags)reader.ReadByte(Short);
        uint messageId = reader.ReadUInt32(Short);
        uint length = reader.ReadUInt32(Short);
        header = new IsakmpHeader(
            initiatorCookie, responderCookie, nextPayload, (byte)(version >> 4), (byte)(version & 0x0F),
            exchangeType, flags, messageId, length);
        return true;
    }

    public void Write(Span<byte> destination)
    {
        var writer = new SpanWriter(destination);
        writer.WriteUInt64(InitiatorCookie);
        writer.WriteUInt64(ResponderCookie);
        writer.WriteByte((byte)NextPayload);
        writer.WriteByte((byte)((MajorVersion << 4) | (MinorVersion & 0x0F)));
        writer.WriteByte((byte)ExchangeType);
        writer.WriteByte((byte)Flags);
        writer.WriteUInt32(MessageId);
        writer.WriteUInt32(Length);
    }
}
