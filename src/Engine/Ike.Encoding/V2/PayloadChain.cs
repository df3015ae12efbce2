using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.V2;

/// <summary>Walks and writes chains of generic payload headers (RFC 7296 §3.2).</summary>
/// <remarks>
/// Scanning only checks structure (lengths and the chain's end), so that the message codec can verify the
/// ICV of an encrypted message before it interprets any payload body.
/// </remarks>
internal static class PayloadChain
{
    public const int GenericHeaderLength = 4;
    private const byte CriticalBit = 0x80;

    /// <summary>Payload types this codec parses; others are unknown in the sense of §2.5.</summary>
    public static bool IsSupported(PayloadType type) => type switch
    {
        PayloadType.SecurityAssociation or PayloadType.KeyExchange
            or PayloadType.IdentificationInitiator or PayloadType.IdentificationResponder
            or PayloadType.Certificate or PayloadType.CertificateRequest or PayloadType.Authentication
            or PayloadType.Nonce or PayloadType.Notify or PayloadType.Delete or PayloadType.VendorId
            or PayloadType.TrafficSelectorInitiator or PayloadType.TrafficSelectorResponder
            or PayloadType.Encrypted or PayloadType.Configuration => true,
        _ => false,
    };

    /// <summary>
    /// Locates the payloads of a chain that starts at <paramref name="start"/> with type <paramref name="first"/>.
    /// In the outer chain an Encrypted payload ends the walk and must end the buffer; in an inner chain it is illegal.
    /// </summary>
    /// <exception cref="IkeMalformedException">Offsets are relative to <paramref name="data"/>.</exception>
    public static void Scan(ReadOnlySpan<byte> data, int start, PayloadType first, bool isOuter, List<RawPayload> found)
    {
        var reader = new SpanReader(data);
        reader.Skip(start, IkeMalformedReason.TruncatedPayloadHeader);
        PayloadType type = first;
        while (type != PayloadType.None)
        {
            // The cap counts outer and inner payloads together.
            if (found.Count == CodecLimits.MaxPayloadsPerMessage)
            {
                throw reader.Failure(IkeMalformedReason.TooManyPayloads);
            }

            int headerOffset = reader.Position;
            var next = (PayloadType)reader.ReadByte(IkeMalformedReason.TruncatedPayloadHeader);
            bool critical = (reader.ReadByte(IkeMalformedReason.TruncatedPayloadHeader) & CriticalBit) != 0;
            ushort length = reader.ReadUInt16(IkeMalformedReason.TruncatedPayloadHeader);

            // §3.2: Payload Length includes the generic header.
            if (length < GenericHeaderLength)
            {
                throw reader.FailureAt(headerOffset + 2, IkeMalformedReason.PayloadLengthTooSmall);
            }

            int bodyLength = length - GenericHeaderLength;
            if (bodyLength > reader.Remaining)
            {
                throw reader.FailureAt(headerOffset + 2, IkeMalformedReason.PayloadPastEnd);
            }

            found.Add(new RawPayload(type, critical, reader.Position, bodyLength, next));
            reader.Skip(bodyLength, IkeMalformedReason.PayloadPastEnd);

            if (type == PayloadType.Encrypted)
            {
                if (!isOuter)
                {
                    throw reader.FailureAt(headerOffset, IkeMalformedReason.NestedEncryptedPayload);
                }

                // §3.14: "the Encrypted payload, if present in a message, MUST be the last payload in the message";
                // its Next Payload names the first inner payload, so the outer chain stops here.
                if (!reader.IsAtEnd)
                {
                    throw reader.FailureAt(headerOffset, IkeMalformedReason.EncryptedPayloadNotLast);
                }

                return;
            }

            type = next;
        }

        // §3.2 / §3.1: the payload lengths must add up to exactly the message length.
        if (!reader.IsAtEnd)
        {
            throw reader.Failure(IkeMalformedReason.TrailingBytesAfterLastPayload);
        }
    }

    /// <summary>Parses one located payload's body. Unknown types become <see cref="UnknownPayload"/>.</summary>
    /// <exception cref="IkeMalformedException">Offsets are relative to the body.</exception>
    public static IkePayload ReadBody(RawPayload raw, ReadOnlySpan<byte> body) => raw.Type switch
    {
        PayloadType.SecurityAssociation => SaPayload.Read(body),
        PayloadType.KeyExchange => KePayload.Read(body),
        PayloadType.IdentificationInitiator or PayloadType.IdentificationResponder => IdPayload.Read(raw.Type, body),
        PayloadType.Certificate => CertPayload.Read(body),
        PayloadType.CertificateRequest => CertReqPayload.Read(body),
        PayloadType.Authentication => AuthPayload.Read(body),
        PayloadType.Nonce => NoncePayload.Read(body),
        PayloadType.Notify => NotifyPayload.Read(body),
        PayloadType.Delete => DeletePayload.Read(body),
        PayloadType.VendorId => VendorIdPayload.Read(body),
        PayloadType.TrafficSelectorInitiator or PayloadType.TrafficSelectorResponder => TrafficSelectorPayload.Read(raw.Type, body),
        PayloadType.Configuration => ConfigurationPayload.Read(body),
        _ => new UnknownPayload(raw.Type, raw.IsCritical, body.ToArray()),
    };

    /// <summary>Encoded length of a chain: generic headers plus bodies.</summary>
    public static int GetEncodedLength(IReadOnlyList<IkePayload> payloads)
    {
        int total = 0;
        foreach (IkePayload payload in payloads)
        {
            total += GenericHeaderLength + payload.GetEncodedLength();
        }

        return total;
    }

    /// <summary>Writes a chain; the last payload's Next Payload is <paramref name="nextAfterLast"/>.</summary>
    public static void Write(IReadOnlyList<IkePayload> payloads, PayloadType nextAfterLast, ref SpanWriter writer)
    {
        for (int i = 0; i < payloads.Count; i++)
        {
            IkePayload payload = payloads[i];
            if (payload.Type is PayloadType.None or PayloadType.Encrypted)
            {
                throw new ArgumentException($"{payload.Type} cannot appear in a payload list; the codec writes SK itself.");
            }

            int bodyLength = payload.GetEncodedLength();
            if (bodyLength > ushort.MaxValue - GenericHeaderLength)
            {
                throw new ArgumentException($"{payload.Type} payload of {bodyLength} octets exceeds the 16-bit Payload Length.");
            }

            PayloadType next = i + 1 < payloads.Count ? payloads[i + 1].Type : nextAfterLast;
            bool critical = payload is UnknownPayload { IsCritical: true };
            WriteGenericHeader(ref writer, next, critical, bodyLength);
            payload.Write(writer.Advance(bodyLength));
        }
    }

    public static void WriteGenericHeader(ref SpanWriter writer, PayloadType next, bool critical, int bodyLength)
    {
        writer.WriteByte((byte)next);
        // §3.2: RESERVED "MUST be sent as zero"; the C bit is only ever set on payloads we relay opaquely.
        writer.WriteByte(critical ? CriticalBit : (byte)0);
        writer.WriteUInt16((ushort)(GenericHeaderLength + bodyLength));
    }
}
