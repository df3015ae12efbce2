namespace Ipsec.Crypto.Sm;

/// <summary>Where the number of an <see cref="SmIdentifier"/> comes from. IANA assigns no SM identifier, so every row
/// says whose number it is and how sure we are of it.</summary>
public enum SmIdentifierOrigin
{
    /// <summary>A value IANA assigned for a general mechanism that SM reuses (RFC 7427 Digital Signature, ISAKMP
    /// certificate encodings).</summary>
    Iana,

    /// <summary>Defined by GM/T 0022 (IPsec VPN specification, 2014, revised 2023). We had no copy of the standard's
    /// text: the values were taken from public technical summaries of GM/T 0022-2023 and must be checked against the
    /// standard before interoperating with a third-party GM/T 0022 product.</summary>
    GmT0022,

    /// <summary>An ASN.1 object identifier of GM/T 0006 (cryptographic application identifiers) as used in GM/T 0015
    /// certificates and by BouncyCastle and OpenSSL.</summary>
    GmT0006,

    /// <summary>A private-use value we chose because no document assigns one (draft-guo-ipsecme-ikev2-using-shangmi
    /// leaves its IANA values "TBD"). Both ends must be this product's engine.</summary>
    PrivateUse,
}
