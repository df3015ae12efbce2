namespace Ipsec.Certificates;

/// <summary>
/// Every code a certificate check can return, one per rule, so an API response or a negotiation failure names exactly
/// what was wrong. <c>RemoteCaCertificate.*</c> concern the peer CA certificate a connection is created with
/// (PRODUCT.md §3 <c>remoteCaCertificate</c>); <c>PeerCertificate.*</c> the certificate the peer presents during
/// negotiation, checked against that CA.
/// </summary>
public static class CertificateErrorCodes
{
    public const string RemoteCaNotPem = "RemoteCaCertificate.NotPem";
    public const string RemoteCaNotCertificate = "RemoteCaCertificate.NotCertificate";
    public const string RemoteCaNotSm2 = "RemoteCaCertificate.NotSm2";
    public const string RemoteCaNotCa = "RemoteCaCertificate.NotCa";
    public const string RemoteCaBadSelfSignature = "RemoteCaCertificate.BadSelfSignature";
    public const string RemoteCaUnsupportedCriticalExtension = "RemoteCaCertificate.UnsupportedCriticalExtension";
    public const string RemoteCaExpired = "RemoteCaCertificate.Expired";
    public const string RemoteCaNotYetValid = "RemoteCaCertificate.NotYetValid";
    public const string RemoteCaSubjectMismatch = "RemoteCaCertificate.SubjectMismatch";
    public const string RemoteIdNotDistinguishedName = "RemoteId.NotDistinguishedName";

    public const string PeerNotCertificate = "PeerCertificate.NotCertificate";
    public const string PeerIssuerNotCa = "PeerCertificate.IssuerNotCa";
    public const string PeerCaNotValid = "PeerCertificate.CaNotValid";
    public const string PeerWrongCa = "PeerCertificate.WrongCa";
    public const string PeerNotSm2 = "PeerCertificate.NotSm2";
    public const string PeerNotEndEntity = "PeerCertificate.NotEndEntity";
    public const string PeerUnsupportedCriticalExtension = "PeerCertificate.UnsupportedCriticalExtension";
    public const string PeerExpired = "PeerCertificate.Expired";
    public const string PeerNotYetValid = "PeerCertificate.NotYetValid";
    public const string PeerWrongKeyUsage = "PeerCertificate.WrongKeyUsage";
}
