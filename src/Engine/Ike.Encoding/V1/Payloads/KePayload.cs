namespace Ike.Encoding.V1.Payloads;

/// <summary>Key Exchange payload (KE): the sender's Diffie-Hellman public value.</summary>
/// <remarks>
/// RFC 2408 §3.7:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Key Exchange Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Unlike IKEv2 there is no group number: the group is the one agreed in the SA. Whether the length fits that
/// group (a MODP value is as long as the prime, RFC 2409 §5: "g^xi ... MUST be ... padded with zeros") is the
/// key exchange code's check.
/// </remarks>
public sealed record KePayload(ReadOnlyMemory<byte> KeyExchangeData) : IsakmpPayload
{
    public override IsakmpPayloadType Type => IsakmpPayloadType.KeyExchange;

    public static KePayload Read(ReadOnlySpan<byte> body)
    {
        var payload = new KePayload(body.ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => KeyExchangeData.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        new SpanWriter(destination).WriteBytes(KeyExchangeData.Span);
    }

    public override void Validate()
    {
        // A Diffie-Hellman public value is never empty (RFC 2408 §3.7 "the data required to generate a session key").
        if (KeyExchangeData.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.KeyExchangeDataEmpty, 0);
        }
    }

    public bool Equals(KePayload? other) => other is not null && ValueEquality.BytesEqual(KeyExchangeData, other.KeyExchangeData);

    public override int GetHashCode() => ValueEquality.BytesHash(KeyExchangeData);
}
