namespace Ipsec.Domain.Tests.Connections;

public class ModifyTests
{
    private static ConnectionSettings MultiSubnetIkev2() => Fixtures.ExistingStandard() with
    {
        LocalSubnets = ["10.0.1.0/24", "10.0.2.0/24"],
    };

    [Fact]
    public void An_empty_patch_keeps_everything()
    {
        var current = Fixtures.ExistingStandard();
        var after = Expect.Valid(ConnectionRules.ValidateModify(current, new ConnectionRequest(), Fixtures.Context()));
        Assert.Equal(current, after);
    }

    [Fact]
    public void Nested_fields_merge_one_by_one()
    {
        var current = Fixtures.ExistingStandard();
        var patch = new ConnectionRequest(Name: "renamed", IkeConfig: new IkeConfigRequest(IkeLifetime: 3600));
        var after = Expect.Valid(ConnectionRules.ValidateModify(current, patch, Fixtures.Context()));
        Assert.Equal("renamed", after.Name);
        Assert.Equal(current.IkeConfig with { IkeLifetime = 3600 }, after.IkeConfig);
    }

    [Theory]
    [InlineData("ikev1", "InvalidParameter.IkeConfig.IkeVersion.MultipleSubnetsRequireIkev2")]
    [InlineData("ikev2", null)]
    public void Switching_to_ikev1_with_several_subnets_is_refused(string version, string? code) =>
        Expect.Outcome(ConnectionRules.ValidateModify(MultiSubnetIkev2(), new ConnectionRequest(IkeConfig: new IkeConfigRequest(IkeVersion: version)), Fixtures.Context()),
            code, "ikeConfig.ikeVersion");

    [Fact]
    public void Switching_to_ikev1_with_one_subnet_is_fine() =>
        Expect.Valid(ConnectionRules.ValidateModify(Fixtures.ExistingStandard(), new ConnectionRequest(IkeConfig: new IkeConfigRequest(IkeVersion: "ikev1")), Fixtures.Context()));

    [Fact]
    public void Switching_to_ikev1_together_with_one_subnet_per_side_is_fine()
    {
        var patch = new ConnectionRequest(LocalSubnets: ["10.0.9.0/24"], IkeConfig: new IkeConfigRequest(IkeVersion: "ikev1"));
        var after = Expect.Valid(ConnectionRules.ValidateModify(MultiSubnetIkev2(), patch, Fixtures.Context()));
        Assert.Equal(["10.0.9.0/24"], after.LocalSubnets);
    }

    [Fact]
    public void Adding_subnets_to_an_ikev1_connection_blames_the_list()
    {
        var current = Fixtures.ExistingStandard() with { IkeConfig = Fixtures.ExistingStandard().IkeConfig with { IkeVersion = IkeVersion.Ikev1 } };
        var patch = new ConnectionRequest(RemoteSubnets: ["192.168.1.0/24", "192.168.2.0/24"]);
        Expect.OnlyError(ConnectionRules.ValidateModify(current, patch, Fixtures.Context()),
            "InvalidParameter.RemoteSubnets.MultipleSubnetsRequireIkev2", "remoteSubnets");
    }

    [Fact]
    public void Switching_an_aggressive_ikev1_connection_to_ikev2_needs_main_mode()
    {
        var current = Fixtures.ExistingStandard() with
        {
            IkeConfig = Fixtures.ExistingStandard().IkeConfig with { IkeVersion = IkeVersion.Ikev1, IkeMode = IkeMode.Aggressive },
        };
        Expect.OnlyError(ConnectionRules.ValidateModify(current, new ConnectionRequest(IkeConfig: new IkeConfigRequest(IkeVersion: "ikev2")), Fixtures.Context()),
            "InvalidParameter.IkeConfig.IkeVersion.AggressiveModeRequiresIkev1", "ikeConfig.ikeVersion");
        Expect.Valid(ConnectionRules.ValidateModify(current, new ConnectionRequest(IkeConfig: new IkeConfigRequest(IkeVersion: "ikev2", IkeMode: "main")), Fixtures.Context()));
    }

    [Theory]
    [InlineData("vpn-other", "InvalidParameter.VpnGatewayId.Immutable", "vpnGatewayId")]
    [InlineData("vpn-std", null, null)]
    public void The_gateway_cannot_change(string gatewayId, string? code, string? field) =>
        Expect.Outcome(ConnectionRules.ValidateModify(Fixtures.ExistingStandard(), new ConnectionRequest(VpnGatewayId: gatewayId), Fixtures.Context()), code, field);

    [Fact]
    public void The_customer_gateway_cannot_change() =>
        Expect.OnlyError(ConnectionRules.ValidateModify(Fixtures.ExistingStandard(), new ConnectionRequest(CustomerGatewayId: "cgw-2"), Fixtures.Context()),
            "InvalidParameter.CustomerGatewayId.Immutable", "customerGatewayId");

    [Fact]
    public void A_missing_gateway_is_reported() =>
        Expect.OnlyError(ConnectionRules.ValidateModify(Fixtures.ExistingStandard(), new ConnectionRequest(Name: "renamed"), Fixtures.Context(noGateway: true)),
            "InvalidVpnGatewayId.NotFound", "vpnGatewayId");

    [Theory]
    [InlineData("protectedFlows", null)]
    [InlineData("bogus", "InvalidParameter.RoutingMode")]
    public void Routing_mode_can_change_on_current_gateways(string mode, string? code) =>
        Expect.Outcome(ConnectionRules.ValidateModify(Fixtures.ExistingStandard(), new ConnectionRequest(RoutingMode: mode), Fixtures.Context()), code, "routingMode");

    [Fact]
    public void Routing_mode_stays_refused_on_legacy_gateways()
    {
        var current = Fixtures.ExistingStandard() with { VpnGatewayId = "vpn-legacy", RoutingMode = null };
        Expect.OnlyError(ConnectionRules.ValidateModify(current, new ConnectionRequest(RoutingMode: "destination"), Fixtures.Context(Fixtures.LegacyGateway)),
            "InvalidParameter.RoutingMode.LegacyGateway", "routingMode");
    }

    [Fact]
    public void Patch_values_are_checked_like_create_values()
    {
        var patch = new ConnectionRequest(Name: "1bad", Psk: "has space", IpsecConfig: new IpsecConfigRequest(IpsecLifetime: 0));
        var result = ConnectionRules.ValidateModify(Fixtures.ExistingStandard(), patch, Fixtures.Context());
        Expect.Error(result, "InvalidParameter.Name", "name");
        Expect.Error(result, "InvalidParameter.Psk", "psk");
        Expect.Error(result, "InvalidParameter.IpsecConfig.IpsecLifetime", "ipsecConfig.ipsecLifetime");
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Warnings_describe_the_final_settings()
    {
        var current = Fixtures.ExistingStandard() with { IpsecConfig = Fixtures.ExistingStandard().IpsecConfig with { IpsecAuthAlg = "md5" } };
        var result = ConnectionRules.ValidateModify(current, new ConnectionRequest(Name: "renamed"), Fixtures.Context());
        Expect.Valid(result);
        Assert.Equal("ipsecConfig.ipsecAuthAlg", Assert.Single(result.Warnings).Field);
    }
}
