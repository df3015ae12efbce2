using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.Ciphers;

/// <summary>
/// <see cref="ICbcCipher"/> over .NET's <see cref="Aes"/>, <see cref="DES"/> and <see cref="TripleDES"/>, which call the
/// platform's native crypto (OpenSSL on Linux) and use AES-NI where the CPU has it.
/// </summary>
/// <remarks>
/// The key lives inside the <see cref="SymmetricAlgorithm"/>, whose Dispose clears it; our transient copy is wiped
/// as soon as it has been handed over. .NET refuses DES and 3DES weak keys with a
/// <see cref="CryptographicException"/> (RFC 2405 and RFC 2451 ask implementations to avoid them); with keys
/// drawn from prf+ that happens with negligible probability.
/// </remarks>
public sealed class PlatformCbcCipher : ICbcCipher
{
    private readonly SymmetricAlgorithm _algorithm;

    private PlatformCbcCipher(EncryptionAlgorithm algorithm, SymmetricAlgorithm implementation)
    {
        Algorithm = algorithm;
        _algorithm = implementation;
    }

    /// <summary>Creates a cipher keyed with <paramref name="key"/>, which must be exactly
    /// <see cref="EncryptionAlgorithm.KeyLength"/> bytes; the caller keeps ownership of <paramref name="key"/>.</summary>
    public static PlatformCbcCipher Create(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (key.Length != algorithm.KeyLength)
        {
            throw new ArgumentException($"{algorithm.ApiName} needs a {algorithm.KeyLength}-byte key, got {key.Length}.", nameof(key));
        }

        SymmetricAlgorithm implementation = algorithm.Family switch
        {
            CipherFamily.Aes => Aes.Create(),
            CipherFamily.Des => DES.Create(),
            CipherFamily.TripleDes => TripleDES.Create(),
            _ => throw new NotSupportedException($"No platform cipher for {algorithm.Family}; use {nameof(CbcCiphers)}.{nameof(CbcCiphers.Create)}."),
        };

        var keyCopy = key.ToArray();
        try
        {
            implementation.Key = keyCopy;
        }
        catch
        {
            implementation.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
        }

        return new PlatformCbcCipher(algorithm, implementation);
    }

    public EncryptionAlgorithm Algorithm { get; }

    public int BlockSize => Algorithm.BlockSize;

    public int IvLength => Algorithm.IvLength;

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        CheckLengths(iv, plaintext.Length, ciphertext.Length);
        _algorithm.EncryptCbc(plaintext, iv, ciphertext, PaddingMode.None);
    }

    public void Decrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        CheckLengths(iv, ciphertext.Length, plaintext.Length);
        _algorithm.DecryptCbc(ciphertext, iv, plaintext, PaddingMode.None);
    }

    public void Dispose() => _algorithm.Dispose();

    private void CheckLengths(ReadOnlySpan<byte> iv, int inputLength, int outputLength)
    {
        if (iv.Length != IvLength)
        {
            throw new ArgumentException($"{Algorithm.ApiName} needs a {IvLength}-byte IV, got {iv.Length}.", nameof(iv));
        }

        if (inputLength % BlockSize != 0)
        {
            throw new ArgumentException($"Input of {inputLength} bytes is not a multiple of the {BlockSize}-byte block.");
        }

        if (outputLength < inputLength)
        {
            throw new ArgumentException($"Output of {outputLength} bytes cannot hold {inputLength} bytes.");
        }
    }
}
