using Ike.Encoding.V2;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Randomness;

namespace Ike.Engine.Sa;

/// <summary>
/// The keys of one direction of an IKE SA (SK_e and SK_a of that direction, RFC 7296 §2.14) behind the codec's
/// <see cref="IMessageProtection"/>: CBC cipher plus truncated HMAC (§3.14). Disposing wipes both keys.
/// </summary>
internal sealed class MessageProtection : IMessageProtection, IDisposable
{
    private readonly ICbcCipher _cipher;
    private readonly HmacIntegrity _integrity;
    private readonly IRandomSource _random;

    private MessageProtection(ICbcCipher cipher, HmacIntegrity integrity, IRandomSource random)
    {
        _cipher = cipher;
        _integrity = integrity;
        _random = random;
    }

    /// <summary>The keys are copied; the caller still wipes its own.</summary>
    public static MessageProtection Create(
        EncryptionAlgorithm encryption, ReadOnlySpan<byte> encryptionKey, AuthAlgorithm integrity, ReadOnlySpan<byte> integrityKey, IRandomSource random)
    {
        // CbcCiphers serves every catalogue row: the platform's AES/3DES/DES, ours for SM4 (sm gateways)
        ICbcCipher cipher = CbcCiphers.Create(encryption, encryptionKey);
        try
        {
            return new MessageProtection(cipher, HmacIntegrity.Create(integrity, integrityKey), random);
        }
        catch
        {
            cipher.Dispose();
            throw;
        }
    }

    public int BlockSize => _cipher.BlockSize;

    public int IvSize => _cipher.IvLength;

    public int IcvSize => _integrity.IcvLength;

    public void FillIv(Span<byte> iv) => _random.Fill(iv);

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) =>
        _cipher.Encrypt(iv, plaintext, ciphertext);

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
