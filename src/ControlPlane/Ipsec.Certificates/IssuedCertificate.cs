using Ipsec.Crypto.Sm;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>
/// A certificate this service issued, with its private key. The certificate leaves as PEM; the key only encrypted
/// (<see cref="ExportEncryptedPrivateKeyPem"/>), under a password the caller supplies and keeps under its own
/// protection (the control plane's SecretProtector).
/// </summary>
public sealed class IssuedCertificate
{
    internal IssuedCertificate(X509Certificate certificate, SmCertificateUsage usage, Sm2PrivateKey privateKey)
    {
        Certificate = certificate;
        Usage = usage;
        PrivateKey = privateKey;
    }

    public X509Certificate Certificate { get; }

    public SmCertificateUsage Usage { get; }

    /// <summary>The key, in memory, for an engine running in this process.</summary>
    public Sm2PrivateKey PrivateKey { get; }

    /// <summary>The certificate alone, as PEM.</summary>
    public string CertificatePem => SmCertificatePem.Write(Certificate);

    /// <summary>The private key as encrypted PKCS#8 PEM (see <see cref="Sm2PrivateKeyPem"/>).</summary>
    public string ExportEncryptedPrivateKeyPem(ReadOnlySpan<char> password, int iterations = Sm2PrivateKeyPem.DefaultIterations) =>
        Sm2PrivateKeyPem.ExportEncrypted(PrivateKey, password, iterations);

    public override string ToString() => $"{Usage} certificate {CertificateFacts.Describe(Certificate)}";
}
