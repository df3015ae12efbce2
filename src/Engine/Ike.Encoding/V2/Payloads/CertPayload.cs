namespace Ike.Encoding.V2.Payloads;

/// <summary>Certificate payload (CERT).</summary>
/// <remarks>
/// RFC 7296 §3.6:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Cert Encoding |                                               |
/// +-+-+-+-+-+-+-+-+                                               |
/// ~                       Certificate Data                        ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// For X.509 Certificate - Signature (4) the data is a DER-encoded certificate; parsing it is the PKI code's job.
/// </remarks>
public sealed record CertPayload(CertificateEncoding Encoding, ReadOnlyMemory<byte> Data) : IkePayload
{
    private const int FixedLength = 1;

    public override PayloadType Type => PayloadType.Certificate;

    public static CertPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var encoding = (CertificateEncoding)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        var payload = new CertPayload(encoding, reader.ReadRest().ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => FixedLength + Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)Encoding);
        writer.WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        // §3.6 "Certificate Data (variable length) - Actual encoding of certificate data": a certificate is never empty.
        if (Data.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.CertificateDataEmpty, FixedLength);
        }
    }

    public bool Equals(CertPayload? other) =>
        other is not null && Encoding == other.Encoding && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => HashCode.Combine(Encoding, ValueEquality.BytesHash(Data));
}
