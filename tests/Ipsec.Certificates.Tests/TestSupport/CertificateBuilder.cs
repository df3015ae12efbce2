using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates.Tests.TestSupport;

/// <summary>
/// Builds certificates straight with BouncyCastle, bypassing <see cref="SmCertificateAuthority"/>'s profiles, so the
/// checks can be shown certificates that break exactly one rule.
/// </summary>
internal sealed record CertificateBuilder(string SubjectDn, string IssuerDn, AsymmetricKeyParameter SubjectKey, AsymmetricKeyParameter SigningKey)
{
    public string SignatureAlgorithm { get; init; } = "SM3WITHSM2";

    public DateTimeOffset NotBefore { get; init; } = Clock.Start.AddDays(-1);

    public DateTimeOffset NotAfter { get; init; } = Clock.Start.AddDays(365);

    public bool? IsCa { get; init; }

    public int? KeyUsageBits { get; init; }

    public DerObjectIdentifier? CriticalExtra { get; init; }

    /// <summary>An SM2 CA that signs itself.</summary>
    public static CertificateBuilder SelfSignedSm2Ca(string subjectDn, Sm2PrivateKey key) =>
        new(subjectDn, subjectDn, key.PublicKey.Parameters, key.Parameters)
        {
            IsCa = true,
            KeyUsageBits = KeyUsage.KeyCertSign | KeyUsage.CrlSign,
        };

    /// <summary>An SM2 end entity signed by <paramref name="issuerKey"/>.</summary>
    public static CertificateBuilder Sm2EndEntity(string subjectDn, string issuerDn, Sm2PrivateKey key, Sm2PrivateKey issuerKey, int keyUsage) =>
        new(subjectDn, issuerDn, key.PublicKey.Parameters, issuerKey.Parameters) { IsCa = false, KeyUsageBits = keyUsage };

    public X509Certificate Build()
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(Random.Shared.NextInt64(1, long.MaxValue)));
        generator.SetSubjectDN(Name(SubjectDn));
        generator.SetIssuerDN(Name(IssuerDn));
        generator.SetNotBefore(NotBefore.UtcDateTime);
        generator.SetNotAfter(NotAfter.UtcDateTime);
        generator.SetPublicKey(SubjectKey);
        if (IsCa is { } ca)
        {
            generator.AddExtension(X509Extensions.BasicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        }

        if (KeyUsageBits is { } bits)
        {
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(bits));
        }

        if (CriticalExtra is { } oid)
        {
            generator.AddExtension(oid, true, new DerUtf8String("must be understood"));
        }

        return generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm, SigningKey));
    }

    public string BuildPem() => SmCertificatePem.Write(Build());

    private static X509Name Name(string dn) =>
        X500NameMatching.TryParse(dn, out var name, out var problem) ? name : throw new ArgumentException(problem, nameof(dn));
}
