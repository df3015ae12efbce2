namespace Ipsec.Crypto.Algorithms;

/// <summary>The block cipher behind an <see cref="EncryptionAlgorithm"/>; every one of them is used in CBC mode.</summary>
/// <remarks>SM4 (GM/T 0002) joins here when the SM suite lands; its wire identifiers are not IANA-assigned.</remarks>
public enum CipherFamily
{
    Aes,
    Des,
    TripleDes,
}
