namespace Ipsec.Domain.Tests.Connections;

/// <summary>What differs on sm gateways: the peer CA certificate instead of a PSK.</summary>
public class SmConnectionTests
{
    [Fact]
    public void Remote_ca_certificate_is_required_on_sm() =>
        Expect.OnlyError(ConnectionRules.ValidateCreate(Fixtures.SmRequest() with { RemoteCaCertificate = null }, Fixtures.SmContext()),
            "MissingParameter.RemoteCaCertificate", "remoteCaCertificate");

    [Theory]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    public void Remote_ca_certificate_must_look_like_pem(string certificate) =>
        Expect.OnlyError(ConnectionRules.ValidateCreate(Fixtures.SmRequest() with { RemoteCaCertificate = certificate }, Fixtures.SmContext()),
            "InvalidParameter.RemoteCaCertificate", "remoteCaCertificate");

    [Fact]
    public void Remote_ca_certificate_is_refused_on_standard() =>
        Expect.OnlyError(ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { RemoteCaCertificate = Fixtures.CaPem }, Fixtures.Context()),
            "InvalidParameter.RemoteCaCertificate.NotSupportedOnStandardGateway", "remoteCaCertificate");

    [Fact]
    public void Psk_is_refused_on_sm() =>
        Expect.OnlyError(ConnectionRules.ValidateCreate(Fixtures.SmRequest() with { Psk = "secret123" }, Fixtures.SmContext()),
            "InvalidParameter.Psk.NotSupportedOnSmGateway", "psk");
}
