namespace Ipsec.Domain.Tests.Validation;

public class PemCertificateTests
{
    [Fact]
    public void Accepts_a_pem_certificate() => Assert.True(PemCertificate.LooksValid(Fixtures.CaPem, out _));

    [Theory]
    [InlineData("")]
    [InlineData("MIIB7zCCAZWgAwIBAgIU")]                                                            // base64 without armour
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]                   // not DER
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----")]                   // not base64
    public void Refuses_what_is_not_a_certificate(string text)
    {
        Assert.False(PemCertificate.LooksValid(text, out string problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Refuses_oversized_input_before_decoding() =>
        Assert.False(PemCertificate.LooksValid(Fixtures.CaPem + new string('\n', PemCertificate.MaxLength), out _));
}
