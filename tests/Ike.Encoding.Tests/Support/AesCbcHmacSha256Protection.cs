using System.Security.Cryptography;
using Ike.Encoding.V2;

namespace Ike.Encoding.Tests.Support;

/// <summary>
/// Test implementation of <see cref="IMessageProtection"/>: ENCR_AES_CBC with .NET's <see cref="Aes"/> and
/// AUTH_HMAC_SHA2_256_128 (HMAC-SHA-256 truncated to 128 bits, RFC 4868 §2.3).
/// </summary>
internal sealed class AesCbcHmacSha256Protection : IMessageProtection, IDisposable
{
    private readonly Aes _aes;
    private readonly byte[] _integrityKey;
    private readonly byte[]? _fixedIv;

    /// <param name="encryptionKey">SK_e of the direction (16, 24 or 32 octets).</param>
    /// <param name="integrityKey">SK_a of the direction (32 octets).</param>
    /// <param name="fixedIv">Only for known-answer vectors; otherwise IVs are random as §3.14 requires.</param>
    public AesCbcHmacSha256Protection(byte[] encryptionKey, byte[] integrityKey, byte[]? fixedIv = null)
    {
        _aes = Aes.Create();
        _aes.Key = encryptionKey;
        _integrityKey = integrityKey.ToArray();
        _fixedIv = fixedIv;
    }

    public int BlockSize => 16;

    public int IvSize => 16;

    public int IcvSize => 16;

    public int IcvComputations { get; private set; }

    public int Decryptions { get; private set; }

    public static AesCbcHmacSha256Protection CreateRandom()
    {
        return new AesCbcHmacSha256Protection(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
    }

    public void FillIv(Span<byte> iv)
    {
        if (_fixedIv is not null)
        {
            _fixedIv.CopyTo(iv);
        }
        else
        {
            RandomNumberGenerator.Fill(iv);
        }
    }

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) =>
        _aes.EncryptCbc(plaintext, iv, ciphertext, PaddingMode.None);

    public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        Decryptions++;
        return _aes.TryDecryptCbc(ciphertext, iv, plaintext, out int written, PaddingMode.None) && written == ciphertext.Length;
    }

    public void ComputeIcv(ReadOnlySpan<byte> signedBytes, Span<byte> icv)
    {
        IcvComputations++;
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_integrityKey, signedBytes, full);
        full[..IcvSize].CopyTo(icv);
    }

    public bool VerifyIcv(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> icv)
    {
        Span<byte> expected = stackalloc byte[IcvSize];
        ComputeIcv(signedBytes, expected);
        return icv.Length == IcvSize && CryptographicOperations.FixedTimeEquals(expected, icv);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_integrityKey);
        _aes.Dispose();
    }
}
