namespace Ike.Encoding.V1.Payloads;

/// <summary>Certificate Request payload (CR).</summary>
/// <remarks>
/// RFC 2408 §3.10:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Cert. Type   !                                               !
/// +-+-+-+-+-+-+-+-+                                               !
/// ~                    Certificate Authority                      ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Unlike IKEv2's SHA-1 key hashes, the IKEv1 Certificate Authority is "an encoding of an acceptable
/// certificate authority for the type of certificate requested" — for X.509 the DER Distinguished Name of the
/// CA — and may be empty to ask for any certificate of the type.
/// </remarks>
public sealed record CertReqPayload(CertificateEncoding Encoding, ReadOnlyMemory<byte> CertificateAuthority) : IsakmpPayload
{
    private const int FixedLength = 1;

    public override IsakmpPayloadType Type => IsakmpPayloadType.CertificateRequest;

    public static CertReqPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var encoding = (CertificateEncoding)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        return new CertReqPayload(encoding, reader.ReadRest().ToArray());
    }

    public override int GetEncodedLength() => FixedLength + CertificateAuthority.Length;

    public override void Write(Span<byte> destination)
    {
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)Encoding);
        writer.WriteBytes(CertificateAuthority.Span);
    }

    public bool Equals(CertReqPayload? other) =>
        other is not null && Encoding == other.Encoding
        && ValueEquality.BytesEqual(CertificateAuthority, other.CertificateAuthority);

    public override int GetHashCode() => HashCode.Combine(Encoding, ValueEquality.BytesHash(CertificateAuthority));
}
