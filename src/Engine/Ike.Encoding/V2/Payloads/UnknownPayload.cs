namespace Ike.Encoding.V2.Payloads;

/// <summary>A payload whose type this codec does not parse, kept with its critical bit and raw body.</summary>
/// <remarks>
/// RFC 7296 §2.5 / §3.2: a payload type the recipient does not understand is skipped when its critical bit is
/// clear; when the bit is set the whole message is rejected with UNSUPPORTED_CRITICAL_PAYLOAD. Only skipped
/// (non-critical) ones end up here after decoding; they are kept so logs can name them and so a message
/// re-encodes to the same payload list. EAP (48) and SKF (53) land here because we implement neither.
/// </remarks>
public sealed record UnknownPayload : IkePayload
{
    public UnknownPayload(PayloadType type, bool isCritical, ReadOnlyMemory<byte> body)
    {
        if (type is PayloadType.None or PayloadType.Encrypted)
        {
            throw new ArgumentException($"{type} is not a payload that can be carried opaquely.", nameof(type));
        }

        Type = type;
        IsCritical = isCritical;
        Body = body;
    }

    public override PayloadType Type { get; }

    public bool IsCritical { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public override int GetEncodedLength() => Body.Length;

    public override void Write(Span<byte> destination) => new SpanWriter(destination).WriteBytes(Body.Span);

    public bool Equals(UnknownPayload? other) =>
        other is not null && Type == other.Type && IsCritical == other.IsCritical && ValueEquality.BytesEqual(Body, other.Body);

    public override int GetHashCode() => HashCode.Combine(Type, IsCritical, ValueEquality.BytesHash(Body));
}
