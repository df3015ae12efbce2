using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Ipsec.Crypto.Randomness;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// SM2 private keys in and out of the process, always encrypted: PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) with
/// PBES2 (RFC 8018 §6.2), PBKDF2-HMAC-SHA256 and AES-256-CBC, in a PEM block labelled "ENCRYPTED PRIVATE KEY"
/// (RFC 7468 §11). The inner PrivateKeyInfo names the curve by its OID (GM/T 0009-2012 §7.1), so OpenSSL and
/// BouncyCastle read the result with the same password.
/// </summary>
/// <remarks>
/// The password is whatever secret the caller holds (the control plane: a random key it keeps under its
/// SecretProtector). There is deliberately no unencrypted export. The PBES2 ciphers are the ones every PKCS#8
/// reader supports; this protects storage, it is not a protocol algorithm, so it need not be SM4.
/// </remarks>
public static class Sm2PrivateKeyPem
{
    /// <summary>PBKDF2 iterations when the caller does not choose: RFC 8018 §4.2 asks for at least 1000; this much
    /// slows guessing of a weak password while a random one costs a few tenths of a second to open.</summary>
    public const int DefaultIterations = 100_000;

    private const string Label = "ENCRYPTED PRIVATE KEY";
    private const int SaltLength = 16;

    /// <summary>The key as an encrypted PKCS#8 PEM block.</summary>
    public static string ExportEncrypted(
        Sm2PrivateKey key, ReadOnlySpan<char> password, int iterations = DefaultIterations, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (password.IsEmpty)
        {
            throw new ArgumentException("A private key is only exported under a password.", nameof(password));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1000);
        random ??= SystemRandomSource.Instance;
        var salt = new byte[SaltLength];
        random.Fill(salt);
        var passwordChars = password.ToArray();
        try
        {
            var named = new ECPrivateKeyParameters(key.Parameters.D, Sm2Curve.Domain);
            var encrypted = EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(
                NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, passwordChars, salt, iterations,
                RandomSourceGenerator.SecureRandomFrom(random), named);
            return PemEncoding.WriteString(Label, encrypted.GetDerEncoded());
        }
        finally
        {
            Array.Clear(passwordChars);
        }
    }

    /// <summary>Reads a key written by <see cref="ExportEncrypted"/> (or by OpenSSL <c>pkcs8 -topk8 -v2</c>); false for
    /// anything else: not PEM, another label, a wrong password, a key that is not SM2.</summary>
    public static bool TryImportEncrypted(string pem, ReadOnlySpan<char> password, [NotNullWhen(true)] out Sm2PrivateKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(pem) || !PemEncoding.TryFind(pem, out var fields)
            || !pem.AsSpan()[fields.Label].SequenceEqual(Label))
        {
            return false;
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written))
        {
            return false;
        }

        var passwordChars = password.ToArray();
        try
        {
            var info = EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der.AsSpan(0, written).ToArray()));
            if (PrivateKeyFactory.DecryptKey(passwordChars, info) is not ECPrivateKeyParameters parameters)
            {
                return false;
            }

            key = Sm2PrivateKey.FromBouncyCastle(parameters);
            return key is not null;
        }
        catch (Exception exception) when (BouncyCastleFailure.IsMalformedInput(exception))
        {
            return false;
        }
        finally
        {
            Array.Clear(passwordChars);
            CryptographicOperations.ZeroMemory(der);
        }
    }
}
