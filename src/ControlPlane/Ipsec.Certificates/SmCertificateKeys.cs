using System.Diagnostics.CodeAnalysis;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>The SM2 public key of a certificate, for the engine to verify a peer's signature with its signing
/// certificate and to encrypt an envelope to its encryption certificate.</summary>
public static class SmCertificateKeys
{
    /// <summary>True when the certificate's key is an SM2 key on sm2p256v1 (id-ecPublicKey with the sm2p256v1 named
    /// curve, GM/T 0015-2012) with a valid point.</summary>
    public static bool TryGetPublicKey(X509Certificate certificate, [NotNullWhen(true)] out Sm2PublicKey? key)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Sm2PublicKey.TryFromSubjectPublicKeyInfo(certificate.CertificateStructure.SubjectPublicKeyInfo, out key);
    }
}
