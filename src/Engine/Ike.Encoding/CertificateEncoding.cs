namespace Ike.Encoding;

/// <summary>Certificate encodings of the CERT and CERTREQ payloads.</summary>
/// <remarks>
/// RFC 7296 §3.6 (IANA "IKEv2 Certificate Encodings"); IKEv1 uses the same numbers (RFC 2408 §3.9).
/// </remarks>
public enum CertificateEncoding : byte
{
    Pkcs7WrappedX509 = 1,
    Pgp = 2,
    DnsSignedKey = 3,
    X509Signature = 4,
    Kerberos = 6,
    CertificateRevocationList = 7,
    AuthorityRevocationList = 8,
    Spki = 9,
    X509Attribute = 10,
    RawRsaKey = 11,
    HashAndUrlX509 = 12,
    HashAndUrlX509Bundle = 13,
}
