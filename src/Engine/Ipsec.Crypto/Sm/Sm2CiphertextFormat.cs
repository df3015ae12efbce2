namespace Ipsec.Crypto.Sm;

/// <summary>
/// How an SM2 ciphertext's three parts are laid out: C1 the point [k]G, C3 = SM3(x2 || M || y2), C2 the masked
/// message (GB/T 32918.4-2016 §6.1).
/// </summary>
public enum Sm2CiphertextFormat
{
    /// <summary>GM/T 0009-2012 §7.2 SM2Cipher: DER SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER,
    /// HASH OCTET STRING (32), CipherText OCTET STRING }, i.e. C1, C3, C2 in that order. The form GM/T 0022's digital
    /// envelope and OpenSSL use.</summary>
    Der,

    /// <summary>C1 || C3 || C2 as raw bytes, C1 uncompressed (04 || x1 || y1): GB/T 32918.4-2016 §6.1 step A8.</summary>
    C1C3C2,

    /// <summary>C1 || C2 || C3: the order of the 2010 SM2 publication, and BouncyCastle's <c>SM2Engine</c> default.
    /// Only for peers that still use it.</summary>
    C1C2C3,
}
