using System.Security.Cryptography;
using Ike.Encoding.V1;

namespace Ike.Encoding.Tests.V1.Support;

/// <summary>Test implementation of <see cref="IV1MessageProtection"/>: AES-CBC with .NET's <see cref="Aes"/>, no padding.</summary>
internal sealed class AesCbcV1Protection : IV1MessageProtection, IDisposable
{
    private readonly Aes _aes;

    /// <param name="key">The phase 1 encryption key (16, 24 or 32 octets).</param>
    public AesCbcV1Protection(byte[] key)
    {
        _aes = Aes.Create();
        _aes.Key = key;
    }

    public int BlockSize => 16;

    public int Encryptions { get; private set; }

    public int Decryptions { get; private set; }

    public static AesCbcV1Protection CreateRandom() => new(RandomNumberGenerator.GetBytes(16));

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Encryptions++;
        _aes.EncryptCbc(plaintext, iv, ciphertext, PaddingMode.None);
    }

    public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        Decryptions++;
        return _aes.TryDecryptCbc(ciphertext, iv, plaintext, out int written, PaddingMode.None) && written == ciphertext.Length;
    }

    public void Dispose() => _aes.Dispose();
}
