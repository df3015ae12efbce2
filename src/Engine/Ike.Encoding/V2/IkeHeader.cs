namespace Ike.Encoding.V2;

/// <summary>The fixed 28-octet IKEv2 header.</summary>
/// <remarks>
/// RFC 7296 §3.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       IKE SA Initiator's SPI                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       IKE SA Responder's SPI                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Message ID                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            Length                             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// This type is the raw wire view: it checks nothing but size. The message codec applies the rules
/// (major version, length equal to the datagram) and reports them as decode outcomes.
/// </remarks>
public readonly record struct IkeHeader(
    ulong InitiatorSpi,
    ulong ResponderSpi,
    PayloadType NextPayload,
    byte MajorVersion,
    byte MinorVersion,
    ExchangeType ExchangeType,
    IkeHeaderFlags Flags,
    uint MessageId,
    uint Length)
{
    public const int Size = 28;

    /// <summary>The major version this codec speaks (§3.1: "implementations based on this version ... MUST set the major version to 2").</summary>
    public const byte CurrentMajorVersion = 2;

    public bool IsResponse => (Flags & IkeHeaderFlags.Response) != 0;

    public bool IsFromOriginalInitiator => (Flags & IkeHeaderFlags.Initiator) != 0;

    /// <summary>Reads the header from the start of <paramref name="datagram"/>.</summary>
    /// <exception cref="IkeMalformedException">TruncatedHeader when fewer than 28 octets are present.</exception>
    public static IkeHeader Read(ReadOnlySpan<byte> datagram)
    {
        if (!TryRead(datagram, out IkeHeader header))
        {
            throw new IkeMalformedException(IkeMalformedReason.TruncatedHeader, datagram.Length);
        }

        return header;
    }

    public static bool TryRead(ReadOnlySpan<byte> datagram, out IkeHeader header)
    {
        if (datagram.Length < Size)
        {
            header = default;
            return false;
        }

        var reader = new SpanReader(datagram);
        const IkeMalformedReason Short = IkeMalformedReason.TruncatedHeader;
        ulong initiatorSpi = reader.ReadUInt64(Short);
        ulong responderSpi = reader.ReadUInt64(Short);
        var nextPayload = (PayloadType)reader.ReadByte(Short);
        byte version = reader.ReadByte(Short);
        var exchangeType = (ExchangeType)reader.ReadByte(Short);
        var flags = (IkeHeaderFlags)reader.ReadByte(Short);
        uint messageId = reader.ReadUInt32(Short);
        uint length = reader.ReadUInt32(Short);
        header = new IkeHeader(
            initiatorSpi, responderSpi, nextPayload, (byte)(version >> 4), (byte)(version & 0x0F),
            exchangeType, flags, messageId, length);
        return true;
    }

    public void Write(Span<byte> destination)
    {
        var writer = new SpanWriter(destination);
        writer.WriteUInt64(InitiatorSpi);
        writer.WriteUInt64(ResponderSpi);
        writer.WriteByte((byte)NextPayload);
        writer.WriteByte((byte)((MajorVersion << 4) | (MinorVersion & 0x0F)));
        writer.WriteByte((byte)ExchangeType);
        writer.WriteByte((byte)Flags);
        writer.WriteUInt32(MessageId);
        writer.WriteUInt32(Length);
    }
}
