namespace Ike.Encoding.V1;

/// <summary>
/// Diffie-Hellman groups of the Group Description attribute, phase 1 (RFC 2409 Appendix A, class 4) and IPsec
/// DOI phase 2 (RFC 2407 §4.5, class 3); IANA "Group Description", the same numbers as IKEv2 Transform Type 4.
/// </summary>
/// <remarks>1 and 2: RFC 2409 §6.1–§6.2; 5 and 14–18: RFC 3526; 19–21: RFC 5903; 22–24: RFC 5114.</remarks>
public enum GroupDescription : ushort
{
    Modp768 = 1,
    Modp1024 = 2,
    Ec2nGp155 = 3,
    Ec2nGp185 = 4,
    Modp1536 = 5,
    Modp2048 = 14,
    Modp3072 = 15,
    Modp4096 = 16,
    Modp6144 = 17,
    Modp8192 = 18,
    Ecp256 = 19,
    Ecp384 = 20,
    Ecp521 = 21,
    Modp1024S160 = 22,
    Modp2048S224 = 23,
    Modp2048S256 = 24,
}
