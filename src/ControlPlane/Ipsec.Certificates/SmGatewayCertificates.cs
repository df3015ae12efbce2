namespace Ipsec.Certificates;

/// <summary>
/// The pair an sm gateway is bound to (PRODUCT.md §2 <c>smCertificates</c>): the signing certificate and the
/// encryption certificate of the dual-certificate scheme (GM/T 0015-2012, used by GM/T 0022 IKE), one key each,
/// same subject, issued by the same CA.
/// </summary>
public sealed record SmGatewayCertificates(IssuedCertificate Signing, IssuedCertificate Encryption)
{
    /// <summary>Both certificates as PEM, signing first; no private key.</summary>
    public string CertificatesPem => Signing.CertificatePem + Encryption.CertificatePem;
}
