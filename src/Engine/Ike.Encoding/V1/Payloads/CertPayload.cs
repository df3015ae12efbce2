namespace Ike.Encoding.V1.Payloads;

/// <summary>Certificate payload (CERT).</summary>
/// <remarks>
/// RFC 2408 §3.9:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Cert Encoding !                                               !
/// +-+-+-+-+-+-+-+-+                                               !
/// ~                       Certificate Data                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The encodings are the numbers IKEv2 kept (<see cref="CertificateEncoding"/>); for X.509 Certificate -
/// Signature (4) the data is a DER certificate, parsed by the PKI code.
/// </remarks>
public sealed record CertPayload(CertificateEncoding Encoding, ReadOnlyMemory<byte> Data) : IsakmpPayload
{
    private const int FixedLength = 1;

    public override IsakmpPayloadType Type => IsakmpPayloadType.Certificate;

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
        // RFC 2408 §3.9 "Certificate Data (variable length) - Actual encoding of certificate data": never empty.
        if (Data.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.CertificateDataEmpty, FixedLength);
        }
    }

    public bool Equals(CertPayload? other) =>
        other is not null && Encoding == other.Encoding && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => HashCode.Combine(Encoding, ValueEquality.BytesHash(Data));
}
