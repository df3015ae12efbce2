namespace Ike.Encoding.V1.Payloads;

/// <summary>Signature payload (SIG): SIG_I / SIG_R of signature-authenticated phase 1 (RFC 2409 §5.1).</summary>
/// <remarks>
/// RFC 2408 §3.12:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Signature Data                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The signature format belongs to the negotiated authentication method; the codec keeps it opaque.
/// </remarks>
public sealed record SignaturePayload(ReadOnlyMemory<byte> Data) : IsakmpPayload
{
    public override IsakmpPayloadType Type => IsakmpPayloadType.Signature;

    public static SignaturePayload Read(ReadOnlySpan<byte> body)
    {
        var payload = new SignaturePayload(body.ToArray());
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
        if (Data.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.SignatureDataEmpty, 0);
        }
    }

    public bool Equals(SignaturePayload? other) => other is not null && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => ValueEquality.BytesHash(Data);
}
