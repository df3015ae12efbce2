namespace Ike.Encoding.V1.Payloads;

/// <summary>Hash payload (HASH): HASH_I / HASH_R of phase 1, HASH(1..3) of quick mode, HASH(1) of informational.</summary>
/// <remarks>
/// RFC 2408 §3.11:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                           Hash Data                           ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The length is the negotiated PRF's output; the engine compares the value in constant time. In quick mode
/// and informational exchanges the hash covers the rest of the message as sent
/// (<see cref="IsakmpMessage.GetChainBytes"/>), which is why it must be the first payload (RFC 2409 §5.5).
/// </remarks>
public sealed record HashPayload(ReadOnlyMemory<byte> Data) : IsakmpPayload
{
    public override IsakmpPayloadType Type => IsakmpPayloadType.Hash;

    public static HashPayload Read(ReadOnlySpan<byte> body)
    {
        var payload = new HashPayload(body.ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        new SpanWriter(destination).WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        // An empty hash could only "verify" through a bug elsewhere.
        if (Data.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.HashDataEmpty, 0);
        }
    }

    public bool Equals(HashPayload? other) => other is not null && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => ValueEquality.BytesHash(Data);
}
