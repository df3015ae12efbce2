using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>The facts of a certificate the checks rely on, each read the way RFC 5280 defines it.</summary>
public static class CertificateFacts
{
    /// <summary>SM2 signature with SM3 (GM/T 0006), the only signature an SM2 CA makes.</summary>
    public const string Sm3WithSm2Oid = Ipsec.Crypto.Sm.SmIdentifiers.OidSm2WithSm3;

    // keyUsage bit positions (RFC 5280 §4.2.1.3).
    public const int DigitalSignature = 0;
    public const int KeyEncipherment = 2;
    public const int DataEncipherment = 3;
    public const int KeyCertSign = 5;

    // The extensions whose meaning the checks enforce; any other marked critical must be refused (RFC 5280 §4.2).
    private static readonly HashSet<string> Understood = [X509Extensions.BasicConstraints.Id, X509Extensions.KeyUsage.Id];

    /// <summary>basicConstraints with cA TRUE (RFC 5280 §4.2.1.9).</summary>
    public static bool IsCa(X509Certificate certificate) => certificate.GetBasicConstraints() >= 0;

    /// <summary>False when keyUsage is present and lacks <paramref name="bit"/>; <paramref name="requirePresent"/>
    /// makes an absent keyUsage a failure too.</summary>
    public static bool Allows(X509Certificate certificate, int bit, bool requirePresent)
    {
        var usage = certificate.GetKeyUsage();
        return usage is null ? !requirePresent : bit < usage.Length && usage[bit];
    }

    /// <summary>The first critical extension the checks do not understand, or null.</summary>
    public static string? UnsupportedCriticalExtension(X509Certificate certificate) =>
        certificate.GetCriticalExtensionOids()?.FirstOrDefault(oid => !Understood.Contains(oid));

    /// <summary>notBefore &lt;= now &lt;= notAfter (RFC 5280 §4.1.2.5), -1 before, 1 after, 0 inside.</summary>
    public static int CompareValidity(X509Certificate certificate, DateTimeOffset now)
    {
        var instant = now.UtcDateTime;
        if (instant < certificate.NotBefore.ToUniversalTime())
        {
            return -1;
        }

        return instant > certificate.NotAfter.ToUniversalTime() ? 1 : 0;
    }

    /// <summary>True when <paramref name="issuer"/>'s key made <paramref name="certificate"/>'s signature; false, never
    /// an exception, for a bad or unverifiable signature.</summary>
    public static bool IsSignedBy(X509Certificate certificate, X509Certificate issuer)
    {
        try
        {
            return certificate.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception exception) when (MalformedInput.Is(exception))
        {
            return false;
        }
    }

    public static string Describe(X509Certificate certificate) => X500NameMatching.ToRfc4514(certificate.SubjectDN);
}
