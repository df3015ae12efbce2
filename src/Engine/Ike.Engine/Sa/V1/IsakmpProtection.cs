using Ike.Encoding.V1;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;

namespace Ike.Engine.Sa.V1;

/// <summary>
/// The ISAKMP SA's phase 1 cipher behind the codec's <see cref="IV1MessageProtection"/>: CBC with the key from SKEYID_e
/// (RFC 2409 Appendix B), one key for both directions; IKEv1 has no integrity check value, the HASH payloads do that
/// work. Disposing wipes the key.
/// </summary>
internal sealed class IsakmpProtection : IV1MessageProtection, IDisposable
{
    private readonly ICbcCipher _cipher;

    private IsakmpProtection(ICbcCipher cipher) => _cipher = cipher;

    /// <summary>The key is copied; the caller still wipes its own.</summary>
    public static IsakmpProtection Create(EncryptionAlgorithm encryption, ReadOnlySpan<byte> key) => new(CbcCiphers.Create(encryption, key));

    public int BlockSize => _cipher.BlockSize;

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) => _cipher.Encrypt(iv, plaintext, ciphertext);

    public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (ciphertext.Length % _cipher.BlockSize != 0 || iv.Length != _cipher.IvLength)
        {
            return false;
        }

        _cipher.Decrypt(iv, ciphertext, plaintext);
        return true;
    }

    public void Dispose() => _cipher.Dispose();
}
