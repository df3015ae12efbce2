namespace Ipsec.Crypto.Algorithms;

/// <summary>The block cipher behind an <see cref="EncryptionAlgorithm"/>; every one of them is used in CBC mode.</summary>
public enum CipherFamily
{
    Aes,
    Des,
    TripleDes,

    /// <summary>SM4 (GB/T 32907-2016, GM/T 0002-2012). The platform has no SM4: create it through
    /// <see cref="Ciphers.CbcCiphers"/>, which picks <see cref="Sm.Sm4CbcCipher"/>.</summary>
    Sm4,
}
