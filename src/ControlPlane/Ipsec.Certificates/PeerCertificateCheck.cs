using Ipsec.Crypto.Sm;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>
/// Validates the end-entity certificate a peer presents (IKE CERT payload) against the connection's peer CA: a path
/// of length one (RFC 5280 §6.1) with SM2 throughout. Each rule has its own code, checked in this order: the CA is a
/// CA and valid now; the certificate was issued and signed by it with SM3withSM2; the certificate's key is SM2; it is
/// an end entity with no critical extension we do not understand; it is valid now; its keyUsage fits the use.
/// </summary>
public static class PeerCertificateCheck
{
    /// <summary>Checks DER bytes (a CERT payload's data).</summary>
    public static CertificateCheckResult Check(
        ReadOnlySpan<byte> endEntityDer, X509Certificate ca, SmCertificateUsage usage, TimeProvider clock) =>
        SmCertificatePem.TryParseDer(endEntityDer, out var endEntity)
            ? Check(endEntity, ca, usage, clock)
            : CertificateCheckResult.Invalid(CertificateErrorCodes.PeerNotCertificate, "the peer's certificate is not a DER X.509 certificate");

    /// <summary>Checks a parsed certificate.</summary>
    /// <param name="endEntity">The peer's certificate.</param>
    /// <param name="ca">The connection's peer CA, already accepted by <see cref="RemoteCaCertificateCheck"/>.</param>
    /// <param name="usage">Which of the dual certificates this must be.</param>
    /// <param name="clock">Now.</param>
    public static CertificateCheckResult Check(
        X509Certificate endEntity, X509Certificate ca, SmCertificateUsage usage, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(endEntity);
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var subject = CertificateFacts.Describe(endEntity);
        var caSubject = CertificateFacts.Describe(ca);

        if (!CertificateFacts.IsCa(ca) || !CertificateFacts.Allows(ca, CertificateFacts.KeyCertSign, requirePresent: false))
        {
            return Invalid(CertificateErrorCodes.PeerIssuerNotCa,
                $"{caSubject} is not a CA (basicConstraints cA and keyUsage keyCertSign, RFC 5280 §6.1.4 (k), (n))");
        }

        if (CertificateFacts.CompareValidity(ca, now) != 0)
        {
            return Invalid(CertificateErrorCodes.PeerCaNotValid,
                $"the CA {caSubject} is not valid now ({ca.NotBefore.ToUniversalTime():O} to {ca.NotAfter.ToUniversalTime():O})");
        }

        if (!X500NameMatching.AreEqual(endEntity.IssuerDN, ca.SubjectDN))
        {
            return Invalid(CertificateErrorCodes.PeerWrongCa,
                $"{subject} was issued by \"{X500NameMatching.ToRfc4514(endEntity.IssuerDN)}\", not by the connection's CA \"{caSubject}\"");
        }

        if (endEntity.SigAlgOid != CertificateFacts.Sm3WithSm2Oid || !CertificateFacts.IsSignedBy(endEntity, ca))
        {
            return Invalid(CertificateErrorCodes.PeerWrongCa,
                $"{subject}: the signature ({endEntity.SigAlgOid}) is not an SM3withSM2 signature of the CA \"{caSubject}\"");
        }

        if (!SmCertificateKeys.TryGetPublicKey(endEntity, out _))
        {
            return Invalid(CertificateErrorCodes.PeerNotSm2,
                $"{subject}: the key is {endEntity.SubjectPublicKeyInfo.Algorithm.Algorithm.Id}, not SM2 on sm2p256v1 ({SmIdentifiers.OidSm2Curve})");
        }

        if (CertificateFacts.IsCa(endEntity))
        {
            return Invalid(CertificateErrorCodes.PeerNotEndEntity, $"{subject} is a CA certificate, not a gateway's");
        }

        if (CertificateFacts.UnsupportedCriticalExtension(endEntity) is { } extension)
        {
            return Invalid(CertificateErrorCodes.PeerUnsupportedCriticalExtension,
                $"{subject}: critical extension {extension} is not understood (RFC 5280 §4.2)");
        }

        switch (CertificateFacts.CompareValidity(endEntity, now))
        {
            case < 0:
                return Invalid(CertificateErrorCodes.PeerNotYetValid, $"{subject}: not valid before {endEntity.NotBefore.ToUniversalTime():O}");
            case > 0:
                return Invalid(CertificateErrorCodes.PeerExpired, $"{subject}: expired at {endEntity.NotAfter.ToUniversalTime():O}");
        }

        var (bit, bitName) = usage == SmCertificateUsage.Signing
            ? (CertificateFacts.DigitalSignature, "digitalSignature")
            : (CertificateFacts.KeyEncipherment, "keyEncipherment");
        if (!CertificateFacts.Allows(endEntity, bit, requirePresent: true))
        {
            return Invalid(CertificateErrorCodes.PeerWrongKeyUsage,
                $"{subject}: keyUsage lacks {bitName}, so it is not the peer's {usage.ToString().ToLowerInvariant()} certificate (GM/T 0015 dual certificates)");
        }

        return CertificateCheckResult.Valid(endEntity);
    }

    private static CertificateCheckResult Invalid(string code, string message) => CertificateCheckResult.Invalid(code, message);
}
