namespace Ike.Engine.Api;

/// <summary>
/// SM2 certificate authentication of sm gateways: our signing and encryption certificates with their keys, and the CA
/// the peer's certificates must chain to (its subject DN is checked against ConnectionConfig.RemoteId).
/// </summary>
/// <remarks>
/// The peer is accepted when its signing certificate was issued by <see cref="PeerCa"/>, is valid now, holds an SM2 key,
/// and its subject DN equals <see cref="ConnectionConfig.RemoteId"/>, or <see cref="ConnectionConfig.RemoteId"/> is the
/// subject DN of <see cref="PeerCa"/> itself: PRODUCT.md §3 makes an sm connection's <c>remoteId</c> the peer CA's
/// subject, which then admits any gateway certificate that CA issued.
/// </remarks>
public sealed record CertificateCredentials(
    Org.BouncyCastle.X509.X509Certificate SigningCertificate, Ipsec.Crypto.Sm.Sm2PrivateKey SigningKey,
    Org.BouncyCastle.X509.X509Certificate EncryptionCertificate, Ipsec.Crypto.Sm.Sm2PrivateKey EncryptionKey,
    Org.BouncyCastle.X509.X509Certificate PeerCa)
{
    /// <summary>Names the certificates, never the keys.</summary>
    public override string ToString() =>
        $"CertificateCredentials(signing {SigningCertificate.SubjectDN}, encryption {EncryptionCertificate.SubjectDN}, peer CA {PeerCa.SubjectDN})";
}
