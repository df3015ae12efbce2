using System.Security.Cryptography;
using Ike.Engine.Api;
using Ipsec.Certificates;
using Org.BouncyCastle.Asn1.X509;

namespace Ike.Engine.Config;

/// <summary>
/// The SM2 certificate side of a connection (<see cref="CertificateCredentials"/>), checked once when it is loaded:
/// each key belongs to its certificate, both identities are distinguished names, and our identity is the subject of the
/// certificate we send, so a misconfiguration fails the load instead of every negotiation.
/// </summary>
public sealed class LoadedCertificates
{
    private LoadedCertificates(CertificateCredentials credentials, X509Name localName, X509Name remoteName)
    {
        Credentials = credentials;
        LocalName = localName;
        RemoteName = remoteName;
        SigningCertificateDer = credentials.SigningCertificate.GetEncoded();
        // RFC 7296 §3.7: a CERTREQ names a CA by "the SHA-1 hash of the Subject Public Key Info element" of its certificate
        PeerCaKeyHash = SHA1.HashData(credentials.PeerCa.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded());
    }

    public CertificateCredentials Credentials { get; }

    /// <summary>Our identity (the signing certificate's subject).</summary>
    public X509Name LocalName { get; }

    /// <summary>The identity the peer must prove: its certificate's subject, or the peer CA's subject (any gateway that
    /// CA certified, PRODUCT.md §3 remoteId of sm gateways).</summary>
    public X509Name RemoteName { get; }

    /// <summary>True when the remote ID is the peer CA's own subject: it admits any gateway that CA certified, so it
    /// names no single peer and is not sent as IDr.</summary>
    public bool RemoteIdIsPeerCa => X500NameMatching.AreEqual(RemoteName, Credentials.PeerCa.SubjectDN);

    /// <summary>The CERT payload's data: our signing certificate, DER.</summary>
    public byte[] SigningCertificateDer { get; }

    /// <summary>The CERTREQ payload's data: SHA-1 of the peer CA's SubjectPublicKeyInfo.</summary>
    public byte[] PeerCaKeyHash { get; }

    /// <exception cref="ArgumentException">A key is not its certificate's, or an identity is not a DN, or our identity is
    /// not our signing certificate's subject.</exception>
    public static LoadedCertificates Load(string connection, CertificateCredentials credentials, string localId, string remoteId)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!SmCertificateKeys.TryGetPublicKey(credentials.SigningCertificate, out var signingKey)
            || !signingKey.Equals(credentials.SigningKey.PublicKey))
        {
            throw new ArgumentException($"connection '{connection}': the signing key does not belong to the SM2 signing certificate "
                + $"{X500NameMatching.ToRfc4514(credentials.SigningCertificate.SubjectDN)}");
        }

        if (!SmCertificateKeys.TryGetPublicKey(credentials.EncryptionCertificate, out var encryptionKey)
            || !encryptionKey.Equals(credentials.EncryptionKey.PublicKey))
        {
            throw new ArgumentException($"connection '{connection}': the encryption key does not belong to the SM2 encryption certificate "
                + $"{X500NameMatching.ToRfc4514(credentials.EncryptionCertificate.SubjectDN)}");
        }

        if (!SmCertificateKeys.TryGetPublicKey(credentials.PeerCa, out _))
        {
            throw new ArgumentException($"connection '{connection}': the peer CA {X500NameMatching.ToRfc4514(credentials.PeerCa.SubjectDN)} has no SM2 key");
        }

        X509Name local = ParseDn(connection, "local", localId);
        X509Name remote = ParseDn(connection, "remote", remoteId);
        // RFC 4945 §3.1.5: the ID_DER_ASN1_DN we send must be the subject of the certificate that proves it
        if (!X500NameMatching.AreEqual(local, credentials.SigningCertificate.SubjectDN))
        {
            throw new ArgumentException($"connection '{connection}': local ID \"{localId}\" is not the subject of our signing certificate "
                + $"\"{X500NameMatching.ToRfc4514(credentials.SigningCertificate.SubjectDN)}\"");
        }

        return new LoadedCertificates(credentials, local, remote);
    }

    private static X509Name ParseDn(string connection, string which, string id) =>
        X500NameMatching.TryParse(id, out var name, out string problem)
            ? name
            : throw new ArgumentException($"connection '{connection}': {which} ID \"{id}\" is not a distinguished name ({problem}); "
                + "certificate connections identify gateways by DN, e.g. CN=gw.example,O=Example,C=CN");
}
