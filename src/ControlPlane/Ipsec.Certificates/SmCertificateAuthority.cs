using System.Security.Cryptography;
using Ipsec.Crypto.Randomness;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>
/// An SM2 certification authority: a self-signed SM3withSM2 CA certificate and its key, issuing the signing and
/// encryption certificates of sm gateways. The cloud side has one; demos and tests make a separate customer-side one
/// with the same API and another subject (<see cref="SmPkiDefaults"/>).
/// </summary>
/// <remarks>
/// The CA key never leaves unencrypted: the control plane stores <see cref="ExportEncryptedPrivateKeyPem"/> (under a
/// password it keeps with its SecretProtector) and the certificate PEM, and reconstructs the CA with
/// <see cref="Load"/>. Issuing dates come from the injected clock, serial numbers and keys from the injected random
/// source.
/// </remarks>
public sealed class SmCertificateAuthority
{
    /// <summary>X.520 ub-common-name (RFC 5280 Appendix A): the longest gateway id a CN can hold.</summary>
    public const int MaxCommonNameLength = 64;

    private const string SignatureAlgorithm = "SM3WITHSM2";
    private const int SerialBytes = 16;

    private readonly Sm2PrivateKey _key;
    private readonly TimeProvider _clock;
    private readonly IRandomSource _random;

    private SmCertificateAuthority(X509Certificate certificate, Sm2PrivateKey key, TimeProvider clock, IRandomSource random)
    {
        Certificate = certificate;
        _key = key;
        _clock = clock;
        _random = random;
    }

    public X509Certificate Certificate { get; }

    /// <summary>The CA certificate as PEM: what a peer configures as its remote CA.</summary>
    public string CertificatePem => SmCertificatePem.Write(Certificate);

    /// <summary>The CA's subject in RFC 4514 form: what a peer configures as its remoteId.</summary>
    public string SubjectDn => X500NameMatching.ToRfc4514(Certificate.SubjectDN);

    /// <summary>
    /// Makes a new CA: a fresh SM2 key and a self-signed certificate for <paramref name="subjectDn"/> (RFC 4514, e.g.
    /// <c>CN=IpsecFunctions SM2 CA,O=IpsecFunctions,C=CN</c>), valid from now for <paramref name="validity"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The subject is not a distinguished name, or the validity is not positive.</exception>
    public static SmCertificateAuthority CreateSelfSigned(
        string subjectDn, TimeSpan validity, TimeProvider clock, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!X500NameMatching.TryParse(subjectDn, out var subject, out var problem))
        {
            throw new ArgumentException($"The CA subject is not a distinguished name: {problem}", nameof(subjectDn));
        }

        CheckValidity(validity);
        random ??= SystemRandomSource.Instance;
        var key = Sm2PrivateKey.Generate(random);
        var notBefore = WholeSeconds(clock.GetUtcNow());
        var generator = NewGenerator(subject, subject, key.PublicKey, notBefore, notBefore + validity, random);
        CertificateProfiles.AddCaExtensions(generator, key.PublicKey);
        var certificate = generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm, key.Parameters));
        return new SmCertificateAuthority(certificate, key, clock, random);
    }

    /// <summary>
    /// Rebuilds a CA from its stored certificate PEM and encrypted key PEM.
    /// </summary>
    /// <exception cref="ArgumentException">Either is unreadable, the password is wrong, the certificate is not an SM2 CA,
    /// or the key is not the certificate's.</exception>
    public static SmCertificateAuthority Load(
        string certificatePem, string encryptedPrivateKeyPem, ReadOnlySpan<char> password, TimeProvider clock,
        IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!SmCertificatePem.TryReadSingle(certificatePem, out var certificate, out var problem))
        {
            throw new ArgumentException($"The CA certificate is unreadable: {problem.Message}", nameof(certificatePem));
        }

        if (!CertificateFacts.IsCa(certificate) || !SmCertificateKeys.TryGetPublicKey(certificate, out var publicKey))
        {
            throw new ArgumentException("The certificate is not an SM2 CA certificate.", nameof(certificatePem));
        }

        if (!Sm2PrivateKeyPem.TryImportEncrypted(encryptedPrivateKeyPem, password, out var key))
        {
            throw new ArgumentException("The CA key is unreadable or the password is wrong.", nameof(encryptedPrivateKeyPem));
        }

        if (!key.PublicKey.Equals(publicKey))
        {
            throw new ArgumentException("The CA key does not belong to the CA certificate.", nameof(encryptedPrivateKeyPem));
        }

        return new SmCertificateAuthority(certificate, key, clock, random ?? SystemRandomSource.Instance);
    }

    /// <summary>The CA key as encrypted PKCS#8 PEM (<see cref="Sm2PrivateKeyPem"/>).</summary>
    public string ExportEncryptedPrivateKeyPem(ReadOnlySpan<char> password, int iterations = Sm2PrivateKeyPem.DefaultIterations) =>
        Sm2PrivateKeyPem.ExportEncrypted(_key, password, iterations, _random);

    /// <summary>
    /// Issues the dual certificates of an sm gateway (GM/T 0015-2012, GM/T 0022): a signing certificate and an
    /// encryption certificate, each with its own new key, both with subject "CN=&lt;gatewayId&gt;" under the CA's
    /// other attributes (for a CA "CN=...,O=IpsecFunctions,C=CN": "CN=vgw-1,O=IpsecFunctions,C=CN").
    /// </summary>
    /// <param name="gatewayId">The gateway's id: 1-64 characters, no control characters, not starting with '#'
    /// (which X.500 string forms read as hex).</param>
    /// <param name="validity">How long from now; cut to the CA's own expiry, since a certificate cannot be validated
    /// after its issuer expires (RFC 5280 §6.1.3).</param>
    public SmGatewayCertificates IssueGatewayCertificates(string gatewayId, TimeSpan validity) =>
        new(Issue(gatewayId, SmCertificateUsage.Signing, validity), Issue(gatewayId, SmCertificateUsage.Encryption, validity));

    /// <summary>Issues one certificate of the pair (see <see cref="IssueGatewayCertificates"/>).</summary>
    public IssuedCertificate Issue(string gatewayId, SmCertificateUsage usage, TimeSpan validity)
    {
        CheckGatewayId(gatewayId);
        CheckValidity(validity);
        var notBefore = WholeSeconds(_clock.GetUtcNow());
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (notBefore >= caNotAfter)
        {
            throw new InvalidOperationException($"The CA {SubjectDn} expired at {caNotAfter:O}; it issues nothing more.");
        }

        var notAfter = notBefore + validity < caNotAfter ? notBefore + validity : caNotAfter;
        var key = Sm2PrivateKey.Generate(_random);
        var generator = NewGenerator(
            EndEntitySubject(gatewayId), Certificate.SubjectDN, key.PublicKey, notBefore, notAfter, _random);
        CertificateProfiles.AddEndEntityExtensions(generator, key.PublicKey, Certificate, usage);
        var certificate = generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm, _key.Parameters));
        return new IssuedCertificate(certificate, usage, key);
    }

    public override string ToString() => $"SM2 CA {SubjectDn}";

    /// <summary>The CA's attributes in DER order without its CN, then CN = gateway id as the last (most specific) RDN.</summary>
    private X509Name EndEntitySubject(string gatewayId)
    {
        var caTypes = Certificate.SubjectDN.GetOidList();
        var caValues = Certificate.SubjectDN.GetValueList();
        var types = new List<DerObjectIdentifier>();
        var values = new List<string>();
        for (var i = 0; i < caTypes.Count; i++)
        {
            if (!caTypes[i].Equals(AttributeTypes.CommonName))
            {
                types.Add(caTypes[i]);
                values.Add(caValues[i]);
            }
        }

        types.Add(AttributeTypes.CommonName);
        values.Add(gatewayId);
        return new X509Name(types, values);
    }

    private static X509V3CertificateGenerator NewGenerator(
        X509Name subject, X509Name issuer, Sm2PublicKey key, DateTimeOffset notBefore, DateTimeOffset notAfter, IRandomSource random)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(NewSerialNumber(random));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetInstance(key.ExportSubjectPublicKeyInfo()));
        return generator;
    }

    /// <summary>A positive serial of 127 random bits: unique per CA without a counter, within RFC 5280 §4.1.2.2's 20
    /// octets.</summary>
    private static BigInteger NewSerialNumber(IRandomSource random)
    {
        Span<byte> bytes = stackalloc byte[SerialBytes];
        random.Fill(bytes);
        bytes[0] &= 0x7F;
        bytes[0] |= 0x40; // never zero, always 16 octets
        var serial = new BigInteger(1, bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return serial;
    }

    // X.509 times have whole seconds (RFC 5280 §4.1.2.5.1); round down so notBefore is never in the future.
    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static void CheckValidity(TimeSpan validity)
    {
        if (validity < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(validity), validity, "A certificate must be valid for at least a second.");
        }
    }

    private static void CheckGatewayId(string gatewayId)
    {
        if (string.IsNullOrWhiteSpace(gatewayId) || gatewayId.Length > MaxCommonNameLength
            || gatewayId.Any(char.IsControl) || gatewayId[0] == '#')
        {
            throw new ArgumentException(
                $"A gateway id for a certificate is 1-{MaxCommonNameLength} characters, no control characters, not starting with '#'.",
                nameof(gatewayId));
        }
    }
}
