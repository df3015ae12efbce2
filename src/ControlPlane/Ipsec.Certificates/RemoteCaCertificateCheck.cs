using Ipsec.Crypto.Sm;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>
/// The checks the peer CA certificate of a connection on an sm gateway must pass (PRODUCT.md §3
/// <c>remoteCaCertificate</c>, seed: "RemoteId：输入对端CA证书的主体名称"), each failing with its own code, in this
/// order: PEM, certificate, SM2 key, CA, critical extensions, self-signature, validity now, subject = remoteId.
/// </summary>
public static class RemoteCaCertificateCheck
{
    /// <param name="pem">Exactly one PEM certificate.</param>
    /// <param name="remoteId">The connection's remoteId: the CA's subject DN in RFC 4514 form.</param>
    /// <param name="clock">Now, for the validity period.</param>
    public static CertificateCheckResult Check(string? pem, string? remoteId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!SmCertificatePem.TryReadSingle(pem, out var certificate, out var problem))
        {
            return CertificateCheckResult.Invalid(problem.Code, problem.Message);
        }

        var subject = CertificateFacts.Describe(certificate);
        if (!SmCertificateKeys.TryGetPublicKey(certificate, out _))
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaNotSm2,
                $"{subject}: the key is {certificate.SubjectPublicKeyInfo.Algorithm.Algorithm.Id}, not SM2 on sm2p256v1 ({SmIdentifiers.OidSm2Curve})");
        }

        if (!CertificateFacts.IsCa(certificate))
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaNotCa,
                $"{subject}: basicConstraints does not say cA (RFC 5280 §4.2.1.9); this is not a CA certificate");
        }

        if (!CertificateFacts.Allows(certificate, CertificateFacts.KeyCertSign, requirePresent: false))
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaNotCa,
                $"{subject}: keyUsage lacks keyCertSign (RFC 5280 §4.2.1.3); this CA cannot sign certificates");
        }

        if (CertificateFacts.UnsupportedCriticalExtension(certificate) is { } extension)
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaUnsupportedCriticalExtension,
                $"{subject}: critical extension {extension} is not understood (RFC 5280 §4.2)");
        }

        if (IsSelfIssued(certificate) && !CertificateFacts.IsSignedBy(certificate, certificate))
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaBadSelfSignature,
                $"{subject}: the self-signature does not verify; the certificate is damaged or forged");
        }

        switch (CertificateFacts.CompareValidity(certificate, clock.GetUtcNow()))
        {
            case < 0:
                return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaNotYetValid,
                    $"{subject}: not valid before {certificate.NotBefore.ToUniversalTime():O}");
            case > 0:
                return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaExpired,
                    $"{subject}: expired at {certificate.NotAfter.ToUniversalTime():O}");
        }

        if (!X500NameMatching.TryParse(remoteId, out var expected, out var parseProblem))
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteIdNotDistinguishedName,
                $"remoteId must be the CA's subject as a distinguished name: {parseProblem}");
        }

        if (!X500NameMatching.AreEqual(certificate.SubjectDN, expected))
        {
            return CertificateCheckResult.Invalid(CertificateErrorCodes.RemoteCaSubjectMismatch,
                $"the CA's subject is \"{subject}\", remoteId names \"{X500NameMatching.ToRfc4514(expected)}\"");
        }

        return CertificateCheckResult.Valid(certificate);
    }

    private static bool IsSelfIssued(X509Certificate certificate) =>
        X500NameMatching.AreEqual(certificate.SubjectDN, certificate.IssuerDN);
}
