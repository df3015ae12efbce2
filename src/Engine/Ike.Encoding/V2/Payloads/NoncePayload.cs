namespace Ike.Encoding.V2.Payloads;

/// <summary>Nonce payload (Ni, Nr).</summary>
/// <remarks>
/// RFC 7296 §3.9:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                            Nonce Data                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// "The size of the Nonce Data MUST be between 16 and 256 octets, inclusive."
/// </remarks>
public sealed record NoncePayload(ReadOnlyMemory<byte> Data) : IkePayload
{
    public const int MinLength = 16;
    public const int MaxLength = 256;

    public override PayloadType Type => PayloadType.Nonce;

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
        // RFC 7296 §3.9: nonce data 16..256 octets inclusive.
        if (Data.Length is < MinLength or > MaxLength)
        {
            throw new IkeMalformedException(IkeMalformedReason.NonceLengthOutOfRange, 0);
        }
    }

    public bool Equals(NoncePayload? other) => other is not null && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => ValueEquality.BytesHash(Data);
}
