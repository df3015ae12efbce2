using Ike.Encoding.V2;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Randomness;

namespace Ike.Benchmarks.Shared;

/// <summary>
/// One direction of IKE SA protection for the benchmarks: CBC encryption with SK_e plus a truncated HMAC with SK_a
/// (RFC 7296 §3.14), on the same <see cref="PlatformCbcCipher"/> and <see cref="HmacIntegrity"/> the engine uses. The
/// engine's own MessageProtection is internal to Ike.Engine, so the benchmarks carry this equivalent. Keys are copied by
/// the crypto types; disposing wipes those copies.
/// </summary>
public sealed class CbcHmacProtection : IMessageProtection, IDisposable
{
    private readonly PlatformCbcCipher _cipher;
    private readonly HmacIntegrity _integrity;
    private readonly IRandomSource _random;

    public CbcHmacProtection(
        EncryptionAlgorithm encryption, ReadOnlySpan<byte> encryptionKey, AuthAlgorithm integrity, ReadOnlySpan<byte> integrityKey, IRandomSource? random = null)
    {
        _cipher = PlatformCbcCipher.Create(encryption, encryptionKey);
        try
        {
            _integrity = HmacIntegrity.Create(integrity, integrityKey);
        }
        catch
        {
            _cipher.Dispose();
            throw;
        }

        _random = random ?? SystemRandomSource.Instance;
    }

    public int BlockSize => _cipher.BlockSize;

    public int IvSize => _cipher.IvLength;

    public int IcvSize => _integrity.IcvLength;

    /// <summary>§3.14: IVs "MUST be chosen at random and MUST be unpredictable".</summary>
    public void FillIv(Span<byte> iv) => _random.Fill(iv);

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) => _cipher.Encrypt(iv, plaintext, ciphertext);

    public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (ciphertext.Length % _cipher.BlockSize != 0)
        {
            return false;
        }

        _cipher.Decrypt(iv, ciphertext, plaintext);
        return true;
    }

    public void ComputeIcv(ReadOnlySpan<byte> signedBytes, Span<byte> icv) => _integrity.ComputeIcv(signedBytes, icv);

    public bool VerifyIcv(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> icv) => _integrity.VerifyIcv(signedBytes, icv);

    public void Dispose()
    {
        _cipher.Dispose();
        _integrity.Dispose();
    }
}
