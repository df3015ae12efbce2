using Ipsec.Certificates.Tests.TestSupport;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509.Extension;

namespace Ipsec.Certificates.Tests;

public class SmCertificateAuthorityTests
{
    private const string Password = "a random password the control plane protects";

    [Fact]
    public void A_new_ca_is_a_self_signed_sm3withsm2_sm2_ca()
    {
        var clock = Clock.AtStart();

        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), clock);
        var certificate = ca.Certificate;

        Assert.Equal(SmPkiDefaults.CloudCaSubject, ca.SubjectDn);
        Assert.True(X500NameMatching.AreEqual(certificate.SubjectDN, certificate.IssuerDN));
        Assert.Equal(SmIdentifiers.OidSm2WithSm3, certificate.SigAlgOid);
        Assert.True(certificate.IsSignatureValid(certificate.GetPublicKey()));
        Assert.True(SmCertificateKeys.TryGetPublicKey(certificate, out _));
        Assert.Equal(0, certificate.GetBasicConstraints()); // cA with pathLenConstraint 0
        Assert.Contains(X509Extensions.BasicConstraints.Id, certificate.GetCriticalExtensionOids());
        Assert.Contains(X509Extensions.KeyUsage.Id, certificate.GetCriticalExtensionOids());
        var usage = certificate.GetKeyUsage();
        Assert.True(usage[5] && usage[6]); // keyCertSign, cRLSign
        Assert.False(usage[0] || usage[2] || usage[3]);
        Assert.Equal(Clock.Start.UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(Clock.Start.AddDays(3650).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.True(certificate.SerialNumber.SignValue > 0);
        Assert.Equal(3, certificate.Version);
    }

    [Fact]
    public void Gateway_certificates_are_a_dual_pair_named_after_the_gateway()
    {
        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), Clock.AtStart());

        var pair = ca.IssueGatewayCertificates("vgw-0123abcd", TimeSpan.FromDays(730));

        foreach (var issued in new[] { pair.Signing, pair.Encryption })
        {
            var certificate = issued.Certificate;
            Assert.Equal("CN=vgw-0123abcd,O=IpsecFunctions,C=CN", X500NameMatching.ToRfc4514(certificate.SubjectDN));
            Assert.True(X500NameMatching.AreEqual(ca.Certificate.SubjectDN, certificate.IssuerDN));
            Assert.Equal(SmIdentifiers.OidSm2WithSm3, certificate.SigAlgOid);
            Assert.True(certificate.IsSignatureValid(ca.Certificate.GetPublicKey()));
            Assert.Equal(-1, certificate.GetBasicConstraints());
            Assert.True(SmCertificateKeys.TryGetPublicKey(certificate, out var key));
            Assert.Equal(issued.PrivateKey.PublicKey, key);
            var authorityKeyId = AuthorityKeyIdentifier.GetInstance(
                X509ExtensionUtilities.FromExtensionValue(certificate.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier)));
            var caKeyId = SubjectKeyIdentifier.GetInstance(
                X509ExtensionUtilities.FromExtensionValue(ca.Certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier)));
            Assert.Equal(caKeyId.GetKeyIdentifier(), authorityKeyId.KeyIdentifier.GetOctets());
        }

        Assert.Equal(SmCertificateUsage.Signing, pair.Signing.Usage);
        Assert.Equal(SmCertificateUsage.Encryption, pair.Encryption.Usage);
        Assert.Equal([true, false, false, false, false, false, false, false, false], pair.Signing.Certificate.GetKeyUsage());
        Assert.Equal([false, false, true, true, false, false, false, false, false], pair.Encryption.Certificate.GetKeyUsage());
        Assert.NotEqual(pair.Signing.PrivateKey.PublicKey, pair.Encryption.PrivateKey.PublicKey);
        Assert.NotEqual(pair.Signing.Certificate.SerialNumber, pair.Encryption.Certificate.SerialNumber);
    }

    [Fact]
    public void A_certificate_does_not_outlive_its_ca()
    {
        var clock = Clock.AtStart();
        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(10), clock);

        var issued = ca.Issue("vgw-1", SmCertificateUsage.Signing, TimeSpan.FromDays(730));

        Assert.Equal(ca.Certificate.NotAfter, issued.Certificate.NotAfter);
        clock.Advance(TimeSpan.FromDays(11));
        Assert.Throws<InvalidOperationException>(() => ca.Issue("vgw-1", SmCertificateUsage.Signing, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Pem_exports_carry_certificates_only_and_keys_leave_encrypted()
    {
        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), Clock.AtStart());
        var pair = ca.IssueGatewayCertificates("vgw-1", TimeSpan.FromDays(730));

        Assert.DoesNotContain("PRIVATE", ca.CertificatePem);
        Assert.DoesNotContain("PRIVATE", pair.CertificatesPem);
        Assert.Equal(2, pair.CertificatesPem.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        var keyPem = pair.Encryption.ExportEncryptedPrivateKeyPem(Password, iterations: 1000);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", keyPem);
        Assert.True(Sm2PrivateKeyPem.TryImportEncrypted(keyPem, Password, out var key));
        Assert.Equal(pair.Encryption.PrivateKey.PublicKey, key.PublicKey);
        var scalar = pair.Signing.PrivateKey.Parameters.D.ToString(16);
        Assert.DoesNotContain(scalar, pair.Signing.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(scalar, pair.Signing.PrivateKey.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_stored_ca_loads_back_and_keeps_issuing()
    {
        var clock = Clock.AtStart();
        var original = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), clock);
        var keyPem = original.ExportEncryptedPrivateKeyPem(Password, iterations: 1000);

        var loaded = SmCertificateAuthority.Load(original.CertificatePem, keyPem, Password, clock);
        var issued = loaded.Issue("vgw-2", SmCertificateUsage.Signing, TimeSpan.FromDays(1));

        Assert.Equal(original.Certificate, loaded.Certificate);
        Assert.True(issued.Certificate.IsSignatureValid(original.Certificate.GetPublicKey()));
    }

    [Fact]
    public void Loading_refuses_a_wrong_password_a_foreign_key_or_a_non_ca()
    {
        var clock = Clock.AtStart();
        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), clock);
        var other = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), clock);
        var keyPem = ca.ExportEncryptedPrivateKeyPem(Password, iterations: 1000);
        var gateway = ca.Issue("vgw-3", SmCertificateUsage.Signing, TimeSpan.FromDays(1));

        Assert.Throws<ArgumentException>(() => SmCertificateAuthority.Load(ca.CertificatePem, keyPem, "wrong", clock));
        Assert.Throws<ArgumentException>(() => SmCertificateAuthority.Load(other.CertificatePem, keyPem, Password, clock));
        Assert.Throws<ArgumentException>(() => SmCertificateAuthority.Load(gateway.CertificatePem, keyPem, Password, clock));
        Assert.Throws<ArgumentException>(() => SmCertificateAuthority.Load("not pem", keyPem, Password, clock));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("#hex-looking")]
    [InlineData("line\nbreak")]
    [InlineData("an-id-that-is-longer-than-the-sixty-four-characters-x520-allows-a-cn")]
    public void Gateway_ids_that_cannot_be_a_common_name_are_refused(string gatewayId)
    {
        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), Clock.AtStart());

        Assert.Throws<ArgumentException>(() => ca.IssueGatewayCertificates(gatewayId, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Special_characters_in_a_gateway_id_stay_data()
    {
        var ca = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.FromDays(3650), Clock.AtStart());

        var issued = ca.Issue("vgw,O=evil+CN=x", SmCertificateUsage.Signing, TimeSpan.FromDays(1));

        Assert.Equal(3, issued.Certificate.SubjectDN.GetOidList().Count);
        Assert.Equal("vgw,O=evil+CN=x", issued.Certificate.SubjectDN.GetValueList(X509Name.CN).Single());
    }

    [Fact]
    public void Bad_subjects_and_validities_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SmCertificateAuthority.CreateSelfSigned("not a dn", TimeSpan.FromDays(1), Clock.AtStart()));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, TimeSpan.Zero, Clock.AtStart()));
    }

    [Fact]
    public void The_customer_side_is_a_separate_pki_with_its_own_subject()
    {
        var clock = Clock.AtStart();
        var cloud = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, SmPkiDefaults.CaValidity, clock);

        var customer = DemoCustomerPki.Create("cgw-demo", clock);

        Assert.Equal(SmPkiDefaults.CustomerDemoCaSubject, customer.Ca.SubjectDn);
        Assert.Equal("CN=cgw-demo,OU=net,O=example,C=CN", X500NameMatching.ToRfc4514(customer.Gateway.Signing.Certificate.SubjectDN));
        Assert.False(customer.Gateway.Signing.Certificate.IsSignatureValid(cloud.Certificate.GetPublicKey()));
        Assert.True(customer.Gateway.Signing.Certificate.IsSignatureValid(customer.Ca.Certificate.GetPublicKey()));
    }
}
