using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ipsec.Certificates.Tests.TestSupport;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Ipsec.Certificates.Tests;

public class RemoteCaCertificateCheckTests
{
    private const string CustomerCa = SmPkiDefaults.CustomerDemoCaSubject;

    [Fact]
    public void Our_customer_side_ca_is_accepted_under_its_subject()
    {
        var clock = Clock.AtStart();
        var customer = SmCertificateAuthority.CreateSelfSigned(CustomerCa, SmPkiDefaults.CaValidity, clock);

        var result = RemoteCaCertificateCheck.Check(customer.CertificatePem, "CN=idc,OU=net,O=example,C=CN", clock);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(customer.Certificate, result.Certificate);
    }

    [Theory]
    [InlineData("CN=idc,OU=net,O=example,C=CN")]
    [InlineData("cn=IDC, ou=net, o=example, c=cn")]
    public void An_openssl_made_sm2_ca_is_accepted_however_remote_id_is_spelled(string remoteId)
    {
        var result = RemoteCaCertificateCheck.Check(OpenSslPki.CaPem, remoteId, Clock.AtStart());

        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("plain text", "this is not a certificate")]
    [InlineData("a private key block", "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----")]
    [InlineData("text before the block", "hello\n" + OpenSslPki.CaPem)]
    [InlineData("two certificates", OpenSslPki.CaPem + "\n" + OpenSslPki.SigningCertificatePem)]
    public void What_is_not_one_pem_certificate_is_refused_as_not_pem(string reason, string pem)
    {
        var result = RemoteCaCertificateCheck.Check(pem, OpenSslPki.CaSubject, Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.RemoteCaNotPem, result.Problem?.Code);
        _ = reason;
    }

    [Fact]
    public void An_oversized_upload_is_refused_before_decoding()
    {
        var pem = "-----BEGIN CERTIFICATE-----\n" + new string('A', 70_000) + "\n-----END CERTIFICATE-----";

        Assert.Equal(CertificateErrorCodes.RemoteCaNotPem, RemoteCaCertificateCheck.Check(pem, CustomerCa, Clock.AtStart()).Problem?.Code);
    }

    [Theory]
    [InlineData("not DER", "-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----")]
    [InlineData("a DER sequence that is no certificate", "-----BEGIN CERTIFICATE-----\nMAYCAQECAQI=\n-----END CERTIFICATE-----")]
    public void A_pem_block_that_is_no_certificate_is_refused_as_not_a_certificate(string reason, string pem)
    {
        var result = RemoteCaCertificateCheck.Check(pem, CustomerCa, Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.RemoteCaNotCertificate, result.Problem?.Code);
        _ = reason;
    }

    [Fact]
    public void A_truncated_certificate_is_refused_as_not_a_certificate()
    {
        var der = Convert.FromBase64String(string.Concat(OpenSslPki.CaPem.Split('\n').Where(l => !l.StartsWith("-----"))));
        var pem = PemEncoding.WriteString("CERTIFICATE", der.AsSpan(0, der.Length - 10));

        Assert.Equal(CertificateErrorCodes.RemoteCaNotCertificate, RemoteCaCertificateCheck.Check(pem, OpenSslPki.CaSubject, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void A_p256_ca_is_refused_as_not_sm2()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=idc, OU=net, O=example, C=CN", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(Clock.Start.AddDays(-1), Clock.Start.AddDays(30));

        var result = RemoteCaCertificateCheck.Check(certificate.ExportCertificatePem(), CustomerCa, Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.RemoteCaNotSm2, result.Problem?.Code);
    }

    [Fact]
    public void An_rsa_ca_is_refused_as_not_sm2()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=idc, OU=net, O=example, C=CN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(Clock.Start.AddDays(-1), Clock.Start.AddDays(30));

        Assert.Equal(CertificateErrorCodes.RemoteCaNotSm2, RemoteCaCertificateCheck.Check(certificate.ExportCertificatePem(), CustomerCa, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void A_gateway_certificate_is_refused_as_not_a_ca()
    {
        var customer = DemoCustomerPki.Create("cgw-demo", Clock.AtStart());

        var result = RemoteCaCertificateCheck.Check(customer.Gateway.Signing.CertificatePem, "CN=cgw-demo,OU=net,O=example,C=CN", Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.RemoteCaNotCa, result.Problem?.Code);
    }

    [Fact]
    public void A_certificate_without_basic_constraints_is_refused_as_not_a_ca()
    {
        var key = Sm2PrivateKey.Generate();
        var pem = (CertificateBuilder.SelfSignedSm2Ca(CustomerCa, key) with { IsCa = null }).BuildPem();

        Assert.Equal(CertificateErrorCodes.RemoteCaNotCa, RemoteCaCertificateCheck.Check(pem, CustomerCa, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void A_ca_whose_key_usage_lacks_keycertsign_is_refused_as_not_a_ca()
    {
        var key = Sm2PrivateKey.Generate();
        var pem = (CertificateBuilder.SelfSignedSm2Ca(CustomerCa, key) with { KeyUsageBits = KeyUsage.CrlSign }).BuildPem();

        var result = RemoteCaCertificateCheck.Check(pem, CustomerCa, Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.RemoteCaNotCa, result.Problem?.Code);
        Assert.Contains("keyCertSign", result.Problem!.Message);
    }

    [Fact]
    public void A_ca_with_a_critical_extension_we_do_not_know_is_refused()
    {
        var key = Sm2PrivateKey.Generate();
        var pem = (CertificateBuilder.SelfSignedSm2Ca(CustomerCa, key) with { CriticalExtra = new DerObjectIdentifier("1.3.6.1.4.1.55555.1") }).BuildPem();

        Assert.Equal(CertificateErrorCodes.RemoteCaUnsupportedCriticalExtension,
            RemoteCaCertificateCheck.Check(pem, CustomerCa, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void A_self_signed_ca_whose_signature_does_not_verify_is_refused()
    {
        var key = Sm2PrivateKey.Generate();
        var forger = Sm2PrivateKey.Generate();
        var pem = (CertificateBuilder.SelfSignedSm2Ca(CustomerCa, key) with { SigningKey = forger.Parameters }).BuildPem();

        Assert.Equal(CertificateErrorCodes.RemoteCaBadSelfSignature, RemoteCaCertificateCheck.Check(pem, CustomerCa, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void Validity_is_judged_by_the_injected_clock()
    {
        var clock = Clock.AtStart();
        var ca = SmCertificateAuthority.CreateSelfSigned(CustomerCa, TimeSpan.FromDays(30), clock);

        Assert.True(RemoteCaCertificateCheck.Check(ca.CertificatePem, CustomerCa, clock).IsValid);
        Assert.Equal(CertificateErrorCodes.RemoteCaNotYetValid,
            RemoteCaCertificateCheck.Check(ca.CertificatePem, CustomerCa, Clock.At(Clock.Start.AddSeconds(-1))).Problem?.Code);
        Assert.True(RemoteCaCertificateCheck.Check(ca.CertificatePem, CustomerCa, Clock.At(Clock.Start.AddDays(30))).IsValid);
        Assert.Equal(CertificateErrorCodes.RemoteCaExpired,
            RemoteCaCertificateCheck.Check(ca.CertificatePem, CustomerCa, Clock.At(Clock.Start.AddDays(30).AddSeconds(1))).Problem?.Code);
        Assert.Equal(CertificateErrorCodes.RemoteCaNotYetValid,
            RemoteCaCertificateCheck.Check(OpenSslPki.CaPem, OpenSslPki.CaSubject, Clock.At(OpenSslPki.NotBefore.AddSeconds(-1))).Problem?.Code);
    }

    [Theory]
    [InlineData("CN=idc,OU=ops,O=example,C=CN")]
    [InlineData("OU=net,CN=idc,O=example,C=CN")]
    [InlineData("CN=idc,OU=net,O=example")]
    [InlineData("C=CN,O=example,OU=net,CN=idc")] // the DER order written as a string is another name
    public void A_subject_other_than_remote_id_is_refused(string remoteId)
    {
        var result = RemoteCaCertificateCheck.Check(OpenSslPki.CaPem, remoteId, Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.RemoteCaSubjectMismatch, result.Problem?.Code);
        Assert.Contains("CN=idc,OU=net,O=example,C=CN", result.Problem!.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("203.0.113.7")]
    [InlineData("vpn.example.com")]
    public void A_remote_id_that_is_not_a_distinguished_name_is_refused(string? remoteId)
    {
        Assert.Equal(CertificateErrorCodes.RemoteIdNotDistinguishedName,
            RemoteCaCertificateCheck.Check(OpenSslPki.CaPem, remoteId, Clock.AtStart()).Problem?.Code);
    }
}
