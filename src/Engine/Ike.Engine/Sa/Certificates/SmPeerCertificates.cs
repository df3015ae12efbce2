using System.Diagnostics.CodeAnalysis;
using Ike.Encoding;
using Ike.Engine.Config;
using Ipsec.Certificates;
using Org.BouncyCastle.X509;

namespace Ike.Engine.Sa.Certificates;

/// <summary>
/// The checks of a peer's SM2 certificate that IKEv2 (SM2 signatures) and GM/T 0022 main mode (digital envelope) share:
/// the certificate against the connection's peer CA, and the identity it proves against the configured remote ID. Each
/// failure is a sentence a network engineer can act on; nothing throws for hostile bytes.
/// </summary>
internal static class SmPeerCertificates
{
    /// <summary>True when <paramref name="der"/> is a certificate of <paramref name="usage"/> issued by the peer CA, valid
    /// now, with an SM2 key (<see cref="PeerCertificateCheck"/>); else <paramref name="problem"/> says why not.</summary>
    public static bool TryCheckCertificate(LoadedCertificates certificates, ReadOnlySpan<byte> der, SmCertificateUsage usage, TimeProvider clock,
        [NotNullWhen(true)] out X509Certificate? certificate, [NotNullWhen(false)] out string? problem)
    {
        X509Certificate peerCa = certificates.Credentials.PeerCa;
        CertificateCheckResult check = PeerCertificateCheck.Check(der, peerCa, usage, clock);
        if (check.IsValid)
        {
            certificate = check.Certificate;
            problem = null;
            return true;
        }

        certificate = null;
        problem = check.Problem.Code == CertificateErrorCodes.PeerWrongCa && SmCertificatePem.TryParseDer(der, out var parsed)
            ? $"peer certificate {DistinguishedNames.Describe(parsed.SubjectDN)} not issued by the configured peer CA "
                + $"{DistinguishedNames.Describe(peerCa.SubjectDN)} ({check.Problem.Code}: {check.Problem.Message})"
            : $"peer certificate refused ({check.Problem.Code}): {check.Problem.Message}";
        return false;
    }

    /// <summary>
    /// Null when the peer's ID is the DN of its certificate's subject (RFC 4945 §3.1.5) and that subject is the
    /// configured remote ID, or the remote ID is the peer CA's own subject (any gateway it certified, PRODUCT.md §3).
    /// </summary>
    public static string? CheckIdentity(LoadedCertificates certificates, X509Certificate peer, IdentificationType idType, ReadOnlyMemory<byte> idData,
        string describedId)
    {
        string subject = DistinguishedNames.Describe(peer.SubjectDN);
        if (idType != IdentificationType.DerAsn1Dn || !DistinguishedNames.TryDecode(idData, out var idName)
            || !X500NameMatching.AreEqual(idName, peer.SubjectDN))
        {
            return $"peer ID {describedId} is not the subject {subject} of its certificate (RFC 4945 §3.1.5)";
        }

        if (!X500NameMatching.AreEqual(certificates.RemoteName, peer.SubjectDN) && !certificates.RemoteIdIsPeerCa)
        {
            return $"peer certificate subject {subject} does not match the configured remote ID {DistinguishedNames.Describe(certificates.RemoteName)}";
        }

        return null;
    }
}
