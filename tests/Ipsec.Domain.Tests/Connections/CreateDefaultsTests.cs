namespace Ipsec.Domain.Tests.Connections;

public class CreateDefaultsTests
{
    [Fact]
    public void Standard_gateway_defaults_follow_rfc8247()
    {
        var s = Expect.Valid(ConnectionRules.ValidateCreate(Fixtures.StandardRequest(), Fixtures.Context()));

        Assert.Equal("conn1", s.Name);
        Assert.Equal("vpn-std", s.VpnGatewayId);
        Assert.Equal("cgw-1", s.CustomerGatewayId);
        Assert.Equal(RoutingMode.Destination, s.RoutingMode);
        Assert.Equal(["10.0.1.0/24"], s.LocalSubnets);
        Assert.Equal(["192.168.0.0/24"], s.RemoteSubnets);
        Assert.False(s.EffectImmediately);
        Assert.Equal(new IkeConfig(IkeVersion.Ikev2, IkeMode.Main, "aes", "sha256", "group14", 86400, "47.100.0.1", "203.0.113.10"), s.IkeConfig);
        Assert.Equal(new IpsecConfig("aes", "sha256", "group14", 86400), s.IpsecConfig);
        Assert.True(s.EnableDpd);
        Assert.True(s.EnableNatTraversal);
        Assert.Equal(new BgpConfig(false, null, null, 45104), s.BgpConfig);
        Assert.Equal(new HealthCheckConfig(false, null, null, 3, 3), s.HealthCheckConfig);
        Assert.Null(s.RemoteCaCertificate);
    }

    [Fact]
    public void Standard_defaults_raise_no_warnings()
    {
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest(), Fixtures.Context());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Sm_gateway_defaults_take_the_sm_suite()
    {
        var s = Expect.Valid(ConnectionRules.ValidateCreate(Fixtures.SmRequest(), Fixtures.SmContext()));

        Assert.Equal(new IkeConfig(IkeVersion.Ikev1, IkeMode.Main, "sm4", "sm3", null, 86400, "47.100.0.2", Fixtures.PeerCaDn), s.IkeConfig);
        Assert.Equal(new IpsecConfig("sm4", "sm3", "disabled", 86400), s.IpsecConfig);
        Assert.Equal(Fixtures.CaPem, s.RemoteCaCertificate);
        Assert.True(s.EnableDpd);
        Assert.True(s.EnableNatTraversal);
    }

    [Fact]
    public void Legacy_gateway_has_no_routing_mode()
    {
        var request = Fixtures.StandardRequest() with { VpnGatewayId = Fixtures.LegacyGateway.VpnGatewayId };
        var s = Expect.Valid(ConnectionRules.ValidateCreate(request, Fixtures.Context(Fixtures.LegacyGateway)));
        Assert.Null(s.RoutingMode);
    }

    [Fact]
    public void Given_values_are_kept_and_normalised_to_api_spelling()
    {
        var request = Fixtures.StandardRequest() with
        {
            RoutingMode = "protectedFlows",
            EffectImmediately = true,
            IkeConfig = new IkeConfigRequest("IKEv1", "Aggressive", "AES256", "SHA512", "group14", 28800, "47.100.0.1", "203.0.113.10"),
            IpsecConfig = new IpsecConfigRequest("aes192", "sha384", "Disabled", 3600),
        };
        var s = Expect.Valid(ConnectionRules.ValidateCreate(request, Fixtures.Context()));

        Assert.Equal(RoutingMode.ProtectedFlows, s.RoutingMode);
        Assert.True(s.EffectImmediately);
        Assert.Equal(new IkeConfig(IkeVersion.Ikev1, IkeMode.Aggressive, "aes256", "sha512", "group14", 28800, "47.100.0.1", "203.0.113.10"), s.IkeConfig);
        Assert.Equal(new IpsecConfig("aes192", "sha384", "disabled", 3600), s.IpsecConfig);
    }
}
