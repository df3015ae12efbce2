using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Randomness;
using Ipsec.Crypto.Sm;

namespace Ike.Engine.Sa.V1.GmT0022;

/// <summary>
/// GM/T 0022's SM2 digital envelope in main mode messages 3 and 4: a fresh symmetric key (Sk_i / Sk_r) SM2-encrypted to
/// the peer's encryption certificate in the symmetric key payload, and under that key the Nonce and Identification
/// bodies.
/// </summary>
/// <remarks>
/// Our choices where the public descriptions of GM/T 0022 stop (both ends are this engine until the standard's text
/// can be checked; recorded in <see cref="SmIdentifiers"/>' remarks too):
/// <list type="bullet">
/// <item>The key is as long as the negotiated cipher's key (16 bytes for SM4); the SM2 ciphertext is GM/T 0009's DER
/// (C1, C3, C2), the form GM/T 0009-2012 §7.2 gives.</item>
/// <item>Each enveloped body is IV (one block, random) | SM4-CBC(key, IV, body | padding), the padding PKCS#7's
/// (1 to 16 bytes, each the padding length), so a receiver can find the end without trusting a length field.</item>
/// </list>
/// </remarks>
internal static class DigitalEnvelope
{
    /// <summary>The symmetric key payload's type (RFC 2408 §3.1 private range).</summary>
    public static IsakmpPayloadType SymmetricKeyPayloadType => (IsakmpPayloadType)SmIdentifiers.IsakmpPayloadSymmetricKey;

    /// <summary>A fresh random key for <paramref name="encryption"/>.</summary>
    public static byte[] NewKey(EncryptionAlgorithm encryption, IRandomSource random)
    {
        var key = new byte[encryption.KeyLength];
        random.Fill(key);
        return key;
    }

    /// <summary>The symmetric key payload: <paramref name="key"/> SM2-encrypted to the peer's encryption key.</summary>
    public static UnknownPayload SealKey(Sm2PublicKey peerEncryptionKey, ReadOnlySpan<byte> key, IRandomSource random) =>
        new(SymmetricKeyPayloadType, Sm2Encryption.Encrypt(peerEncryptionKey, key, Sm2CiphertextFormat.Der, random));

    /// <summary>Opens the symmetric key payload with our encryption key; false unless it holds a key of the right length.</summary>
    public static bool TryOpenKey(IsakmpMessage message, Sm2PrivateKey ourEncryptionKey, EncryptionAlgorithm encryption,
        [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        UnknownPayload? sealedKey = message.Payloads.OfType<UnknownPayload>().FirstOrDefault(p => p.Type == SymmetricKeyPayloadType);
        if (sealedKey is null || !Sm2Encryption.TryDecrypt(ourEncryptionKey, sealedKey.Body.Span, out byte[]? opened))
        {
            return false;
        }

        if (opened.Length != encryption.KeyLength)
        {
            CryptographicOperations.ZeroMemory(opened);
            return false;
        }

        key = opened;
        return true;
    }

    /// <summary>IV | SM4-CBC(key, IV, body | PKCS#7 padding) under the generic header of <paramref name="type"/>.</summary>
    public static EnvelopedPayload Seal(IsakmpPayloadType type, ReadOnlySpan<byte> body, EncryptionAlgorithm encryption, ReadOnlySpan<byte> key,
        IRandomSource random)
    {
        using ICbcCipher cipher = CbcCiphers.Create(encryption, key);
        int block = cipher.BlockSize;
        int padding = block - (body.Length % block);
        var plaintext = new byte[body.Length + padding];
        body.CopyTo(plaintext);
        plaintext.AsSpan(body.Length).Fill((byte)padding);
        var output = new byte[cipher.IvLength + plaintext.Length];
        random.Fill(output.AsSpan(0, cipher.IvLength));
        cipher.Encrypt(output.AsSpan(0, cipher.IvLength), plaintext, output.AsSpan(cipher.IvLength));
        CryptographicOperations.ZeroMemory(plaintext);
        return new EnvelopedPayload(type, output);
    }

    /// <summary>The plaintext body of an enveloped payload; false for a length or padding that cannot be ours.</summary>
    public static bool TryOpen(EnvelopedPayload payload, EncryptionAlgorithm encryption, ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? body)
    {
        body = null;
        using ICbcCipher cipher = CbcCiphers.Create(encryption, key);
        ReadOnlySpan<byte> data = payload.Ciphertext.Span;
        int block = cipher.BlockSize;
        if (data.Length < cipher.IvLength + block || (data.Length - cipher.IvLength) % block != 0)
        {
            return false;
        }

        var plaintext = new byte[data.Length - cipher.IvLength];
        cipher.Decrypt(data[..cipher.IvLength], data[cipher.IvLength..], plaintext);
        int padding = plaintext[^1];
        bool valid = padding >= 1 && padding <= block;
        for (int i = 0; valid && i < padding; i++)
        {
            valid = plaintext[^(i + 1)] == padding;
        }

        if (valid)
        {
            body = plaintext[..^padding];
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return valid;
    }
}
