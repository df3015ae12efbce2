using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.Ciphers;

/// <summary>
/// A keyed block cipher in CBC mode with an explicit IV and no padding: ESP (RFC 4303 §2.4) and the IKEv2 Encrypted
/// payload (RFC 7296 §3.14) add their own padding, so the input is always a whole number of blocks.
/// Disposing wipes the key.
/// </summary>
public interface ICbcCipher : IDisposable
{
    EncryptionAlgorithm Algorithm { get; }

    /// <summary>Block size in bytes; plaintext and ciphertext lengths must be multiples of it.</summary>
    int BlockSize { get; }

    /// <summary>IV length in bytes (equal to the block size for every CBC cipher here).</summary>
    int IvLength { get; }

    /// <summary>Encrypts whole blocks. <paramref name="ciphertext"/> may be the same memory as
    /// <paramref name="plaintext"/> (in place) but must not partially overlap it.</summary>
    void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext);

    /// <summary>Decrypts whole blocks; in place allowed as for <see cref="Encrypt"/>.</summary>
    void Decrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext);
}
