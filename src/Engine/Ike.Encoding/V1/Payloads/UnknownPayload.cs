namespace Ike.Encoding.V1.Payloads;

/// <summary>A private use payload (types 128–255 other than the draft NAT-T numbers) kept opaque.</summary>
/// <remarks>
/// RFC 2408 has no critical bit: a type from the reserved range is answered with INVALID-PAYLOAD-TYPE
/// (§5.1) and never reaches a message, but vendors use the private range for extensions (Cisco's IKE
/// fragmentation, for one); those are kept here so logs can name them and a message re-encodes to the same list.
/// </remarks>
public sealed record UnknownPayload : IsakmpPayload
{
    public UnknownPayload(IsakmpPayloadType type, ReadOnlyMemory<byte> body)
    {
        if (!IsakmpPayloadTypes.IsPrivateUse(type) || IsakmpPayloadTypes.IsTopLevel(type))
        {
            throw new ArgumentException($"{type} is not a private use payload type this codec leaves opaque.", nameof(type));
        }

        Type = type;
        Body = body;
    }

    public override IsakmpPayloadType Type { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public override int GetEncodedLength() => Body.Length;

    public override void Write(Span<byte> destination) => new SpanWriter(destination).WriteBytes(Body.Span);

    public bool Equals(UnknownPayload? other) =>
        other is not null && Type == other.Type && ValueEquality.BytesEqual(Body, other.Body);

    public override int GetHashCode() => HashCode.Combine(Type, ValueEquality.BytesHash(Body));
}
