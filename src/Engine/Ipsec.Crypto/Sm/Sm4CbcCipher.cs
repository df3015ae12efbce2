using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// SM4 (GB/T 32907-2016, GM/T 0002-2012: 128-bit block, 128-bit key) in CBC mode with an explicit IV and no padding,
/// for ESP (RFC 4303 §2.4, GM/T 0022 ESP_SM4) and the IKE encrypted payloads. BouncyCastle's <see cref="SM4Engine"/>
/// does the block transform; the chaining is here so that it works in place on spans.
/// </summary>
/// <remarks>
/// The engine keeps its 32 round keys in one array that it reuses when re-keyed, so <see cref="Dispose"/> re-keys both
/// engines with an all-zero key to overwrite them. BouncyCastle copies the key into a <see cref="KeyParameter"/> that
/// can only be dropped, not wiped; our own transient copy is wiped at once.
/// </remarks>
public sealed class Sm4CbcCipher : ICbcCipher
{
    private const int Block = 16;

    private readonly SM4Engine _encryptor = new();
    private readonly SM4Engine _decryptor = new();
    private bool _disposed;

    private Sm4CbcCipher(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        Algorithm = algorithm;
        var keyCopy = key.ToArray();
        try
        {
            var parameter = new KeyParameter(keyCopy);
            _encryptor.Init(true, parameter);
            _decryptor.Init(false, parameter);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
        }
    }

    /// <summary>Creates a cipher keyed with the 16-byte <paramref name="key"/>; the caller keeps ownership of it.</summary>
    public static Sm4CbcCipher Create(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (algorithm.Family != CipherFamily.Sm4)
        {
            throw new ArgumentException($"{algorithm.ApiName} is not SM4.", nameof(algorithm));
        }

        if (key.Length != algorithm.KeyLength)
        {
            throw new ArgumentException($"{algorithm.ApiName} needs a {algorithm.KeyLength}-byte key, got {key.Length}.", nameof(key));
        }

        return new Sm4CbcCipher(algorithm, key);
    }

    public EncryptionAlgorithm Algorithm { get; }

    public int BlockSize => Block;

    public int IvLength => Block;

    /// <summary>C_i = E(P_i ^ C_{i-1}), C_0 = IV. In place is safe: each plaintext block is read before its ciphertext
    /// is written.</summary>
    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        CheckUsable(iv, plaintext.Length, ciphertext.Length);
        Span<byte> chain = stackalloc byte[Block];
        iv.CopyTo(chain);
        for (var offset = 0; offset < plaintext.Length; offset += Block)
        {
            for (var i = 0; i < Block; i++)
            {
                chain[i] ^= plaintext[offset + i];
            }

            _encryptor.ProcessBlock(chain, chain);
            chain.CopyTo(ciphertext.Slice(offset, Block));
        }
    }

    /// <summary>P_i = D(C_i) ^ C_{i-1}. In place is safe: each ciphertext block is saved as the next chaining value
    /// before its plaintext overwrites it.</summary>
    public void Decrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        CheckUsable(iv, ciphertext.Length, plaintext.Length);
        Span<byte> previous = stackalloc byte[Block];
        Span<byte> current = stackalloc byte[Block];
        Span<byte> decrypted = stackalloc byte[Block];
        iv.CopyTo(previous);
        for (var offset = 0; offset < ciphertext.Length; offset += Block)
        {
            ciphertext.Slice(offset, Block).CopyTo(current);
            _decryptor.ProcessBlock(current, decrypted);
            for (var i = 0; i < Block; i++)
            {
                plaintext[offset + i] = (byte)(decrypted[i] ^ previous[i]);
            }

            current.CopyTo(previous);
        }

        CryptographicOperations.ZeroMemory(decrypted);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        var zeroKey = new KeyParameter(new byte[Block]);
        _encryptor.Init(true, zeroKey);
        _decryptor.Init(false, zeroKey);
        _disposed = true;
    }

    private void CheckUsable(ReadOnlySpan<byte> iv, int inputLength, int outputLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (iv.Length != IvLength)
        {
            throw new ArgumentException($"{Algorithm.ApiName} needs a {IvLength}-byte IV, got {iv.Length}.", nameof(iv));
        }

        if (inputLength % Block != 0)
        {
            throw new ArgumentException($"Input of {inputLength} bytes is not a multiple of the {Block}-byte block.");
        }

        if (outputLength < inputLength)
        {
            throw new ArgumentException($"Output of {outputLength} bytes cannot hold {inputLength} bytes.");
        }
    }
}
