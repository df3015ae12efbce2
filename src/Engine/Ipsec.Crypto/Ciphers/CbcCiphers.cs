using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Sm;

namespace Ipsec.Crypto.Ciphers;

/// <summary>
/// Makes the <see cref="ICbcCipher"/> for any encryption row of <see cref="AlgorithmCatalog"/>: the platform's native
/// implementation for AES, DES and 3DES (<see cref="PlatformCbcCipher"/>), ours for SM4 (<see cref="Sm4CbcCipher"/>),
/// which the platform lacks. ESP and IKE code that should also carry SM suites creates its ciphers here.
/// </summary>
public static class CbcCiphers
{
    /// <summary>Creates a cipher keyed with <paramref name="key"/> (exactly <see cref="EncryptionAlgorithm.KeyLength"/>
    /// bytes; the caller keeps ownership of it).</summary>
    public static ICbcCipher Create(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Family == CipherFamily.Sm4
            ? Sm4CbcCipher.Create(algorithm, key)
            : PlatformCbcCipher.Create(algorithm, key);
    }
}
