namespace Ike.Encoding.V1;

/// <summary>Values of the IPsec DOI Authentication Algorithm attribute (RFC 2407 §4.5; IANA "IPsec Authentication Algorithm").</summary>
/// <remarks>1–4: RFC 2407 §4.5; 5–7: RFC 4868 §4 (HMAC-SHA-256/384/512 with 128/192/256-bit ICVs); 9: RFC 3566 §3.</remarks>
public enum IpsecAuthenticationAlgorithm : ushort
{
    HmacMd5 = 1,
    HmacSha1 = 2,
    DesMac = 3,
    Kpdk = 4,
    HmacSha2_256 = 5,
    HmacSha2_384 = 6,
    HmacSha2_512 = 7,
    HmacRipemd = 8,
    AesXcbcMac = 9,
}
