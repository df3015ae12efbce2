namespace Ike.Encoding.V2.Payloads;

/// <summary>Authentication payload (AUTH).</summary>
/// <remarks>
/// RFC 7296 §3.8:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Auth Method   |                RESERVED                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                      Authentication Data                      ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Method 14 (RFC 7427 §3) prefixes the signature with an ASN.1 AlgorithmIdentifier; that belongs to the
/// authenticator, the codec keeps the data opaque.
/// </remarks>
public sealed record AuthPayload(AuthMethod Method, ReadOnlyMemory<byte> Data) : IkePayload
{
    private const int FixedLength = 4;

    public override PayloadType Type => PayloadType.Authentication;

    public static AuthPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var method = (AuthMethod)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        reader.Skip(3, IkeMalformedReason.PayloadBodyTooShort); // RESERVED: ignored on receipt (§3.8)
        var payload = new AuthPayload(method, reader.ReadRest().ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => FixedLength + Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)Method);
        writer.WriteZeros(3);
        writer.WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        // A MIC or signature is never empty; an empty one could only "verify" through a bug elsewhere.
        if (Data.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.AuthenticationDataEmpty, FixedLength);
        }
    }

    public bool Equals(AuthPayload? other) =>
        other is not null && Method == other.Method && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => HashCode.Combine(Method, ValueEquality.BytesHash(Data));
}
