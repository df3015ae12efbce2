using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Ipsec.Certificates;

/// <summary>
/// The extensions of each kind of certificate this service issues (RFC 5280 §4.2; GM/T 0015-2012 follows it).
/// </summary>
internal static class CertificateProfiles
{
    /// <summary>
    /// A CA: basicConstraints cA TRUE with pathLenConstraint 0, since it signs only end-entity certificates
    /// (§4.2.1.9, critical); keyUsage keyCertSign and cRLSign (§4.2.1.3, critical); subjectKeyIdentifier (§4.2.1.2).
    /// </summary>
    public static void AddCaExtensions(X509V3CertificateGenerator generator, Sm2PublicKey key)
    {
        generator.AddExtension(X509Extensions.BasicConstraints, critical: true, new BasicConstraints(0));
        generator.AddExtension(X509Extensions.KeyUsage, critical: true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, critical: false,
            X509ExtensionUtilities.CreateSubjectKeyIdentifier(key.Parameters));
    }

    /// <summary>
    /// An end entity of the dual scheme: basicConstraints cA FALSE (critical), keyUsage digitalSignature for the
    /// signing certificate or keyEncipherment and dataEncipherment for the encryption certificate (critical),
    /// subject and authority key identifiers (§4.2.1.1: required when a CA signs).
    /// </summary>
    public static void AddEndEntityExtensions(
        X509V3CertificateGenerator generator, Sm2PublicKey key, X509Certificate issuer, SmCertificateUsage usage)
    {
        var keyUsage = usage switch
        {
            SmCertificateUsage.Signing => KeyUsage.DigitalSignature,
            SmCertificateUsage.Encryption => KeyUsage.KeyEncipherment | KeyUsage.DataEncipherment,
            _ => throw new ArgumentOutOfRangeException(nameof(usage), usage, "Unknown certificate usage."),
        };
        generator.AddExtension(X509Extensions.BasicConstraints, critical: true, new BasicConstraints(cA: false));
        generator.AddExtension(X509Extensions.KeyUsage, critical: true, new KeyUsage(keyUsage));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, critical: false,
            X509ExtensionUtilities.CreateSubjectKeyIdentifier(key.Parameters));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, critical: false,
            X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer));
    }
}
