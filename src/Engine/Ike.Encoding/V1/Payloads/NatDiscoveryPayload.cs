namespace Ike.Encoding.V1.Payloads;

/// <summary>NAT Discovery payload (NAT-D): a hash of one address and port of the exchange.</summary>
/// <remarks>
/// RFC 3947 §3.2:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |    RESERVED   |        Payload length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                 HASH of the address and port                  ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// HASH = HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash; "the first NAT-D payload contains the
/// remote end's IP address and port ... the rest contain possible local end IP addresses and ports" (§3.2).
/// Sent in main mode messages 3 and 4, aggressive mode messages 2 and 3. <see cref="Type"/> is 20 or, when
/// the peers agreed on a draft NAT-T vendor ID, the draft number 130; a reply uses the numbering received.
/// </remarks>
public sealed record NatDiscoveryPayload : IsakmpPayload
{
    public NatDiscoveryPayload(ReadOnlyMemory<byte> hash)
        : this(IsakmpPayloadType.NatDiscovery, hash)
    {
    }

    public NatDiscoveryPayload(IsakmpPayloadType type, ReadOnlyMemory<byte> hash)
    {
        if (type is not (IsakmpPayloadType.NatDiscovery or IsakmpPayloadType.NatDiscoveryDraft))
        {
            throw new ArgumentException($"A NAT-D payload is type 20 or 130, not {type}.", nameof(type));
        }

        Type = type;
        Hash = hash;
    }

    public override IsakmpPayloadType Type { get; }

    public ReadOnlyMemory<byte> Hash { get; }

    public static NatDiscoveryPayload Read(IsakmpPayloadType type, ReadOnlySpan<byte> body)
    {
        var payload = new NatDiscoveryPayload(type, body.ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => Hash.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        new SpanWriter(destination).WriteBytes(Hash.Span);
    }

    public override void Validate()
    {
        // The hash is the negotiated hash's output; the engine compares lengths, but an empty one matches nothing.
        if (Hash.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.NatDiscoveryDataEmpty, 0);
        }
    }

    public bool Equals(NatDiscoveryPayload? other) =>
        other is not null && Type == other.Type && ValueEquality.BytesEqual(Hash, other.Hash);

    public override int GetHashCode() => HashCode.Combine(Type, ValueEquality.BytesHash(Hash));
}
