namespace Ike.Encoding.V2.Payloads;

/// <summary>Certificate Request payload (CERTREQ).</summary>
/// <remarks>
/// RFC 7296 §3.7:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Cert Encoding |                                               |
/// +-+-+-+-+-+-+-+-+                                               |
/// ~                    Certification Authority                    ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// For X.509 the Certification Authority field "is a concatenated list of SHA-1 hashes of the public keys of
/// trusted Certification Authorities" (§3.7), so its length is a multiple of 20; an empty list is allowed.
/// </remarks>
public sealed record CertReqPayload(CertificateEncoding Encoding, ReadOnlyMemory<byte> CertificationAuthority) : IkePayload
{
    /// <summary>SHA-1 output length.</summary>
    public const int CaKeyHashLength = 20;

    private const int FixedLength = 1;

    public override PayloadType Type => PayloadType.CertificateRequest;

    /// <summary>An X.509 request naming the CAs by the SHA-1 hash of their SubjectPublicKeyInfo (§3.7).</summary>
    public static CertReqPayload ForX509(IEnumerable<ReadOnlyMemory<byte>> caKeyHashes)
    {
        byte[] joined = caKeyHashes.SelectMany(hash => hash.ToArray()).ToArray();
        return new CertReqPayload(CertificateEncoding.X509Signature, joined);
    }

    public static CertReqPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var encoding = (CertificateEncoding)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        var payload = new CertReqPayload(encoding, reader.ReadRest().ToArray());
        payload.Validate();
        return payload;
    }

    /// <summary>The CA key hashes of an X.509 request, in the order sent.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetCaKeyHashes()
    {
        if (Encoding != CertificateEncoding.X509Signature)
        {
            return [];
        }

        var hashes = new List<ReadOnlyMemory<byte>>(CertificationAuthority.Length / CaKeyHashLength);
        for (int offset = 0; offset + CaKeyHashLength <= CertificationAuthority.Length; offset += CaKeyHashLength)
        {
            hashes.Add(CertificationAuthority.Slice(offset, CaKeyHashLength));
        }

        return hashes;
    }

    public override int GetEncodedLength() => FixedLength + CertificationAuthority.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)Encoding);
        writer.WriteBytes(CertificationAuthority.Span);
    }

    public override void Validate()
    {
        // §3.7: X.509 CERTREQ data is whole 20-octet SHA-1 hashes.
        if (Encoding == CertificateEncoding.X509Signature && CertificationAuthority.Length % CaKeyHashLength != 0)
        {
            throw new IkeMalformedException(IkeMalformedReason.CertificateRequestLengthInvalid, FixedLength);
        }
    }

    public bool Equals(CertReqPayload? other) =>
        other is not null && Encoding == other.Encoding
        && ValueEquality.BytesEqual(CertificationAuthority, other.CertificationAuthority);

    public override int GetHashCode() => HashCode.Combine(Encoding, ValueEquality.BytesHash(CertificationAuthority));
}
