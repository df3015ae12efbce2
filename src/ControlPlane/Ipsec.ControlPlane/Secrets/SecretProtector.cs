using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Ipsec.ControlPlane.Secrets;

/// <summary>
/// Encrypts secrets (pre-shared keys) before they reach the table store: AES-256-GCM with a key from configuration
/// (<c>Secrets:EncryptionKey</c>, base64 of 32 bytes; on Azure a Key Vault reference). The owner (account and
/// connection) is bound as associated data, so a ciphertext copied onto another connection does not decrypt.
/// Format: "v1:" + base64(nonce(12) | ciphertext | tag(16)).
/// </summary>
public sealed class SecretProtector
{
    /// <summary>The configuration key of the 32-byte key (base64).</summary>
    public const string KeySetting = "Secrets:EncryptionKey";
    const int NonceSize = 12, TagSize = 16;
    readonly byte[] key;

    public SecretProtector(IConfiguration configuration)
    {
        string? b64 = configuration[KeySetting];
        if (string.IsNullOrEmpty(b64))
            throw new InvalidOperationException($"{KeySetting} is not configured (base64 of 32 random bytes).");
        try { key = Convert.FromBase64String(b64); }
        catch (FormatException) { throw new InvalidOperationException($"{KeySetting} is not valid base64."); }
        if (key.Length != 32) throw new InvalidOperationException($"{KeySetting} must decode to 32 bytes.");
    }

    public string Protect(string secret, string owner)
    {
        byte[] plain = Encoding.UTF8.GetBytes(secret);
        byte[] output = new byte[NonceSize + plain.Length + TagSize];
        try
        {
            var nonce = output.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var gcm = new AesGcm(key, TagSize);
            gcm.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(owner));
            return "v1:" + Convert.ToBase64String(output);
        }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }

    public string Unprotect(string protectedValue, string owner)
    {
        if (!protectedValue.StartsWith("v1:", StringComparison.Ordinal)) throw new CryptographicException("unknown secret format");
        byte[] data = Convert.FromBase64String(protectedValue[3..]);
        if (data.Length < NonceSize + TagSize) throw new CryptographicException("secret too short");
        byte[] plain = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var gcm = new AesGcm(key, TagSize);
            gcm.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(owner));
            return Encoding.UTF8.GetString(plain);
        }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }
}
