using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.V1;

/// <summary>Walks and writes chains of ISAKMP generic payload headers (RFC 2408 §3.2).</summary>
/// <remarks>
/// The chain, not the buffer, decides where a message ends: after the payload whose Next Payload is 0 there
/// may be encryption padding (RFC 2409 Appendix B leaves its content to the sender) which only the caller can
/// judge. Scanning checks structure only, so that the codec can classify payload types before parsing bodies.
/// </remarks>
internal static class IsakmpPayloadChain
{
    public const int GenericHeaderLength = 4;

    /// <summary>Locates the payloads of a chain that starts at offset 0 of <paramref name="data"/> with type <paramref name="first"/>.</summary>
    /// <returns>The offset just after the last payload.</returns>
    /// <exception cref="IkeMalformedException">Offsets are relative to <paramref name="data"/>.</exception>
    public static int Scan(ReadOnlySpan<byte> data, IsakmpPayloadType first, List<RawIsakmpPayload> found)
    {
        var reader = new SpanReader(data);
        IsakmpPayloadType type = first;
        while (type != IsakmpPayloadType.None)
        {
            if (found.Count == CodecLimits.MaxPayloadsPerMessage)
            {
                throw reader.Failure(IkeMalformedReason.TooManyPayloads);
            }

            int headerOffset = reader.Position;
            var next = (IsakmpPayloadType)reader.ReadByte(IkeMalformedReason.TruncatedPayloadHeader);
            reader.Skip(1, IkeMalformedReason.TruncatedPayloadHeader); // RESERVED: "Unused, set to 0" (§3.2); ignored on receipt
            ushort length = reader.ReadUInt16(IkeMalformedReason.TruncatedPayloadHeader);

            // §3.2: Payload Length "including the generic payload header".
            if (length < GenericHeaderLength)
            {
                throw reader.FailureAt(headerOffset + 2, IkeMalformedReason.PayloadLengthTooSmall);
            }

            int bodyLength = length - GenericHeaderLength;
            if (bodyLength > reader.Remaining)
            {
                throw reader.FailureAt(headerOffset + 2, IkeMalformedReason.PayloadPastEnd);
            }

            found.Add(new RawIsakmpPayload(type, headerOffset, reader.Position, bodyLength));
            reader.Skip(bodyLength, IkeMalformedReason.PayloadPastEnd);
            type = next;
        }

        return reader.Position;
    }

    /// <summary>Parses one located payload's body; private use types become <see cref="UnknownPayload"/>.</summary>
    /// <exception cref="IkeMalformedException">Offsets are relative to the body.</exception>
    public static IsakmpPayload ReadBody(RawIsakmpPayload raw, ReadOnlySpan<byte> body) => raw.Type switch
    {
        IsakmpPayloadType.SecurityAssociation => SaPayload.Read(body),
        IsakmpPayloadType.KeyExchange => KePayload.Read(body),
        IsakmpPayloadType.Identification => IdPayload.Read(body),
        IsakmpPayloadType.Certificate => CertPayload.Read(body),
        IsakmpPayloadType.CertificateRequest => CertReqPayload.Read(body),
        IsakmpPayloadType.Hash => HashPayload.Read(body),
        IsakmpPayloadType.Signature => SignaturePayload.Read(body),
        IsakmpPayloadType.Nonce => NoncePayload.Read(body),
        IsakmpPayloadType.Notification => NotificationPayload.Read(body),
        IsakmpPayloadType.Delete => DeletePayload.Read(body),
        IsakmpPayloadType.VendorId => VendorIdPayload.Read(body),
        IsakmpPayloadType.NatDiscovery or IsakmpPayloadType.NatDiscoveryDraft => NatDiscoveryPayload.Read(raw.Type, body),
        IsakmpPayloadType.NatOriginalAddress or IsakmpPayloadType.NatOriginalAddressDraft => NatOriginalAddressPayload.Read(raw.Type, body),
        _ => new UnknownPayload(raw.Type, body.ToArray()),
    };

    /// <summary>Encoded length of a chain: generic headers plus bodies.</summary>
    public static int GetEncodedLength(IReadOnlyList<IsakmpPayload> payloads)
    {
        int total = 0;
        foreach (IsakmpPayload payload in payloads)
        {
            total += GenericHeaderLength + payload.GetEncodedLength();
        }

        return total;
    }

    /// <summary>Writes a chain whose last payload has Next Payload 0.</summary>
    public static void Write(IReadOnlyList<IsakmpPayload> payloads, ref SpanWriter writer)
    {
        for (int i = 0; i < payloads.Count; i++)
        {
            IsakmpPayload payload = payloads[i];
            int bodyLength = payload.GetEncodedLength();
            if (bodyLength > ushort.MaxValue - GenericHeaderLength)
            {
                throw new ArgumentException($"{payload.Type} payload of {bodyLength} octets exceeds the 16-bit Payload Length.");
            }

            IsakmpPayloadType next = i + 1 < payloads.Count ? payloads[i + 1].Type : IsakmpPayloadType.None;
            writer.WriteByte((byte)next);
            writer.WriteZeros(1); // RESERVED
            writer.WriteUInt16((ushort)(GenericHeaderLength + bodyLength));
            payload.Write(writer.Advance(bodyLength));
        }
    }
}
