namespace Ike.Encoding.V1.Payloads;

/// <summary>Nonce payload (Ni, Nr).</summary>
/// <remarks>
/// RFC 2408 §3.13:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                            Nonce Data                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// RFC 2409 §5: "The length of nonce payload MUST be between 8 and 256 bytes inclusive." The nonce body is
/// Ni_b / Nr_b of the SKEYID and quick mode hash computations.
/// </remarks>
public sealed record NoncePayload(ReadOnlyMemory<byte> Data) : IsakmpPayload
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    public override IsakmpPayloadType Type => IsakmpPayloadType.Nonce;

    public static NoncePayload Read(ReadOnlySpan<byte> body)
    {
        var payload = new NoncePayload(body.ToArray());
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
        // RFC 2409 §5: nonce data 8..256 octets inclusive.
        if (Data.Length is < MinLength or > MaxLength)
        {
            throw new IkeMalformedException(IkeMalformedReason.NonceLengthOutOfRange, 0);
        }
    }

    public bool Equals(NoncePayload? other) => other is not null && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => ValueEquality.BytesHash(Data);
}
