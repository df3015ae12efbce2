using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ipsec.Certificates.Tests.TestSupport;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Ipsec.Certificates.Tests;

public class PeerCertificateCheckTests
{
    private const string CaSubject = SmPkiDefaults.CustomerDemoCaSubject;
    private const string PeerSubject = "CN=cgw-1,OU=net,O=example,C=CN";

    [Fact]
    public void Both_certificates_of_the_pair_pass_for_their_own_use()
    {
        var clock = Clock.AtStart();
        var customer = DemoCustomerPki.Create("cgw-1", clock);

        var signing = PeerCertificateCheck.Check(customer.Gateway.Signing.Certificate, customer.Ca.Certificate, SmCertificateUsage.Signing, clock);
        var encryption = PeerCertificateCheck.Check(
            customer.Gateway.Encryption.Certificate.GetEncoded(), customer.Ca.Certificate, SmCertificateUsage.Encryption, clock);

        Assert.True(signing.IsValid, signing.ToString());
        Assert.True(encryption.IsValid, encryption.ToString());
        Assert.Equal(customer.Gateway.Encryption.Certificate, encryption.Certificate);
    }

    [Fact]
    public void An_openssl_made_chain_passes()
    {
        Assert.True(SmCertificatePem.TryReadSingle(OpenSslPki.CaPem, out var ca, out _));
        Assert.True(SmCertificatePem.TryReadSingle(OpenSslPki.SigningCertificatePem, out var peer, out _));

        var result = PeerCertificateCheck.Check(peer, ca, SmCertificateUsage.Signing, Clock.AtStart());

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Each_certificate_of_the_pair_is_refused_for_the_other_use()
    {
        var clock = Clock.AtStart();
        var customer = DemoCustomerPki.Create("cgw-1", clock);

        Assert.Equal(CertificateErrorCodes.PeerWrongKeyUsage, PeerCertificateCheck.Check(
            customer.Gateway.Signing.Certificate, customer.Ca.Certificate, SmCertificateUsage.Encryption, clock).Problem?.Code);
        Assert.Equal(CertificateErrorCodes.PeerWrongKeyUsage, PeerCertificateCheck.Check(
            customer.Gateway.Encryption.Certificate, customer.Ca.Certificate, SmCertificateUsage.Signing, clock).Problem?.Code);
    }

    [Fact]
    public void A_certificate_without_key_usage_is_refused()
    {
        var (ca, caKey) = SelfSignedCa();
        var peer = (CertificateBuilder.Sm2EndEntity(PeerSubject, CaSubject, Sm2PrivateKey.Generate(), caKey, 0) with { KeyUsageBits = null }).Build();

        Assert.Equal(CertificateErrorCodes.PeerWrongKeyUsage, PeerCertificateCheck.Check(peer, ca, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void A_certificate_of_another_ca_is_refused_as_wrong_ca()
    {
        var clock = Clock.AtStart();
        var customer = DemoCustomerPki.Create("cgw-1", clock);
        var cloud = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, SmPkiDefaults.CaValidity, clock);

        var result = PeerCertificateCheck.Check(customer.Gateway.Signing.Certificate, cloud.Certificate, SmCertificateUsage.Signing, clock);

        Assert.Equal(CertificateErrorCodes.PeerWrongCa, result.Problem?.Code);
    }

    [Fact]
    public void A_certificate_of_a_ca_with_the_same_subject_but_another_key_is_refused_as_wrong_ca()
    {
        var clock = Clock.AtStart();
        var genuine = DemoCustomerPki.Create("cgw-1", clock);
        var impostor = DemoCustomerPki.Create("cgw-1", clock);

        var result = PeerCertificateCheck.Check(impostor.Gateway.Signing.Certificate, genuine.Ca.Certificate, SmCertificateUsage.Signing, clock);

        Assert.Equal(CertificateErrorCodes.PeerWrongCa, result.Problem?.Code);
    }

    [Fact]
    public void A_certificate_signed_by_the_ca_key_with_another_algorithm_is_refused_as_wrong_ca()
    {
        var (ca, caKey) = SelfSignedCa();
        var peer = (CertificateBuilder.Sm2EndEntity(PeerSubject, CaSubject, Sm2PrivateKey.Generate(), caKey, KeyUsage.DigitalSignature)
            with { SignatureAlgorithm = "SHA256WITHECDSA" }).Build();

        var result = PeerCertificateCheck.Check(peer, ca, SmCertificateUsage.Signing, Clock.AtStart());

        Assert.Equal(CertificateErrorCodes.PeerWrongCa, result.Problem?.Code);
    }

    [Fact]
    public void An_issuer_that_is_not_a_ca_is_refused()
    {
        var clock = Clock.AtStart();
        var customer = DemoCustomerPki.Create("cgw-1", clock);

        // The encryption certificate posing as the CA of the signing certificate.
        var result = PeerCertificateCheck.Check(customer.Gateway.Signing.Certificate, customer.Gateway.Encryption.Certificate, SmCertificateUsage.Signing, clock);

        Assert.Equal(CertificateErrorCodes.PeerIssuerNotCa, result.Problem?.Code);
    }

    [Fact]
    public void A_ca_whose_key_usage_forbids_signing_certificates_is_refused()
    {
        var caKey = Sm2PrivateKey.Generate();
        var ca = (CertificateBuilder.SelfSignedSm2Ca(CaSubject, caKey) with { KeyUsageBits = KeyUsage.CrlSign }).Build();
        var peer = CertificateBuilder.Sm2EndEntity(PeerSubject, CaSubject, Sm2PrivateKey.Generate(), caKey, KeyUsage.DigitalSignature).Build();

        Assert.Equal(CertificateErrorCodes.PeerIssuerNotCa, PeerCertificateCheck.Check(peer, ca, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void Expiry_and_start_of_the_peer_certificate_are_judged_by_the_clock()
    {
        var clock = Clock.At(Clock.Start.AddDays(-1));
        var ca = SmCertificateAuthority.CreateSelfSigned(CaSubject, SmPkiDefaults.CaValidity, clock);
        clock.Advance(TimeSpan.FromDays(1));
        var peer = ca.Issue("cgw-1", SmCertificateUsage.Signing, TimeSpan.FromDays(1));

        Assert.Equal(CertificateErrorCodes.PeerNotYetValid, PeerCertificateCheck.Check(
            peer.Certificate, ca.Certificate, SmCertificateUsage.Signing, Clock.At(Clock.Start.AddSeconds(-1))).Problem?.Code);
        Assert.True(PeerCertificateCheck.Check(peer.Certificate, ca.Certificate, SmCertificateUsage.Signing, Clock.At(Clock.Start.AddDays(1))).IsValid);
        Assert.Equal(CertificateErrorCodes.PeerExpired, PeerCertificateCheck.Check(
            peer.Certificate, ca.Certificate, SmCertificateUsage.Signing, Clock.At(Clock.Start.AddDays(2))).Problem?.Code);
    }

    [Fact]
    public void A_peer_certificate_starting_after_its_ca_is_still_checked_against_now()
    {
        var (ca, caKey) = SelfSignedCa();
        var future = (CertificateBuilder.Sm2EndEntity(PeerSubject, CaSubject, Sm2PrivateKey.Generate(), caKey, KeyUsage.DigitalSignature)
            with { NotBefore = Clock.Start.AddDays(10) }).Build();

        Assert.Equal(CertificateErrorCodes.PeerNotYetValid, PeerCertificateCheck.Check(future, ca, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void An_expired_ca_fails_every_certificate_it_issued()
    {
        var clock = Clock.AtStart();
        var ca = SmCertificateAuthority.CreateSelfSigned(CaSubject, TimeSpan.FromDays(5), clock);
        var peer = ca.Issue("cgw-1", SmCertificateUsage.Signing, TimeSpan.FromDays(1));
        var afterTheCa = Clock.At(Clock.Start.AddDays(6));

        Assert.Equal(CertificateErrorCodes.PeerCaNotValid, PeerCertificateCheck.Check(peer.Certificate, ca.Certificate, SmCertificateUsage.Signing, afterTheCa).Problem?.Code);
    }

    [Fact]
    public void A_p256_key_under_an_sm2_signature_is_refused_as_not_sm2()
    {
        var (ca, caKey) = SelfSignedCa();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p256 = PublicKeyFactory.CreateKey(ecdsa.ExportSubjectPublicKeyInfo());
        var peer = new CertificateBuilder(PeerSubject, CaSubject, p256, caKey.Parameters) { IsCa = false, KeyUsageBits = KeyUsage.DigitalSignature }.Build();

        Assert.Equal(CertificateErrorCodes.PeerNotSm2, PeerCertificateCheck.Check(peer, ca, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void A_ca_certificate_presented_as_the_peer_is_refused_as_not_an_end_entity()
    {
        var clock = Clock.AtStart();
        var ca = SmCertificateAuthority.CreateSelfSigned(CaSubject, SmPkiDefaults.CaValidity, clock);

        Assert.Equal(CertificateErrorCodes.PeerNotEndEntity, PeerCertificateCheck.Check(ca.Certificate, ca.Certificate, SmCertificateUsage.Signing, clock).Problem?.Code);
    }

    [Fact]
    public void A_critical_extension_we_do_not_know_is_refused()
    {
        var (ca, caKey) = SelfSignedCa();
        var peer = (CertificateBuilder.Sm2EndEntity(PeerSubject, CaSubject, Sm2PrivateKey.Generate(), caKey, KeyUsage.DigitalSignature)
            with { CriticalExtra = new DerObjectIdentifier("1.3.6.1.4.1.55555.2") }).Build();

        Assert.Equal(CertificateErrorCodes.PeerUnsupportedCriticalExtension,
            PeerCertificateCheck.Check(peer, ca, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("garbage", "0001020304")]
    [InlineData("sequence of integers", "3006020101020102")]
    public void Bytes_that_are_no_certificate_are_refused(string reason, string hex)
    {
        var (ca, _) = SelfSignedCa();

        Assert.Equal(CertificateErrorCodes.PeerNotCertificate,
            PeerCertificateCheck.Check(Convert.FromHexString(hex), ca, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
        _ = reason;
    }

    [Fact]
    public void A_certificate_with_trailing_bytes_is_refused()
    {
        var customer = DemoCustomerPki.Create("cgw-1", Clock.AtStart());
        byte[] der = [.. customer.Gateway.Signing.Certificate.GetEncoded(), 0];

        Assert.Equal(CertificateErrorCodes.PeerNotCertificate,
            PeerCertificateCheck.Check(der, customer.Ca.Certificate, SmCertificateUsage.Signing, Clock.AtStart()).Problem?.Code);
    }

    [Fact]
    public void The_public_key_of_an_accepted_certificate_verifies_what_its_private_key_signed()
    {
        var clock = Clock.AtStart();
        var customer = DemoCustomerPki.Create("cgw-1", clock);
        var accepted = PeerCertificateCheck.Check(customer.Gateway.Signing.Certificate, customer.Ca.Certificate, SmCertificateUsage.Signing, clock);
        var signature = Sm2Signature.Sign(customer.Gateway.Signing.PrivateKey, "IKE AUTH octets"u8);

        Assert.True(accepted.IsValid);
        Assert.True(SmCertificateKeys.TryGetPublicKey(accepted.Certificate, out var key));
        Assert.True(Sm2Signature.Verify(key, "IKE AUTH octets"u8, signature));
    }

    private static (BcCertificate Certificate, Sm2PrivateKey Key) SelfSignedCa()
    {
        var key = Sm2PrivateKey.Generate();
        return (CertificateBuilder.SelfSignedSm2Ca(CaSubject, key).Build(), key);
    }
}
