namespace Ipsec.Domain.Tests.Connections;

/// <summary>Seed: "VPN网关开启BGP功能后，不支持关闭" — once on, BGP stays on.</summary>
public class ModifyBgpTests
{
    private static readonly BgpConfig On = new(true, "169.254.10.0/30", "169.254.10.1", 45104);

    private static ConnectionSettings WithBgp(bool enabled) =>
        Fixtures.ExistingStandard() with { BgpConfig = enabled ? On : ConnectionDefaults.BgpConfig };

    [Theory]
    [InlineData(true, false, false, "InvalidOperation.BgpCannotBeDisabled")]   // connection true -> false
    [InlineData(false, true, false, "InvalidOperation.BgpCannotBeDisabled")]   // gateway has BGP on
    [InlineData(false, false, false, null)]                                    // never on: false stays false
    [InlineData(true, true, true, null)]                                       // staying on
    public void Bgp_cannot_be_switched_off(bool connectionHasBgp, bool gatewayHasBgp, bool patchValue, string? code)
    {
        var gateway = Fixtures.StandardGateway with { BgpEnabled = gatewayHasBgp };
        var result = ConnectionRules.ValidateModify(WithBgp(connectionHasBgp), new ConnectionRequest(BgpConfig: new BgpConfigRequest(EnableBgp: patchValue)), Fixtures.Context(gateway));
        Expect.Outcome(result, code, "bgpConfig.enableBgp");
    }

    [Fact]
    public void Bgp_can_be_switched_on()
    {
        var patch = new ConnectionRequest(BgpConfig: new BgpConfigRequest(true, "169.254.20.0/30", "169.254.20.2", "65001"));
        var after = Expect.Valid(ConnectionRules.ValidateModify(WithBgp(false), patch, Fixtures.Context()));
        Assert.Equal(new BgpConfig(true, "169.254.20.0/30", "169.254.20.2", 65001), after.BgpConfig);
    }

    [Fact]
    public void An_unchanged_tunnel_cidr_does_not_clash_with_the_connection_itself()
    {
        var current = WithBgp(true);
        var patch = new ConnectionRequest(BgpConfig: new BgpConfigRequest(TunnelCidr: "169.254.10.0/30", LocalAsn: "65002"));
        Expect.Valid(ConnectionRules.ValidateModify(current, patch, Fixtures.Context(others: [current])));
    }

    [Fact]
    public void A_new_tunnel_cidr_must_be_free_on_the_gateway()
    {
        var other = WithBgp(false) with { BgpConfig = new BgpConfig(true, "169.254.20.0/30", "169.254.20.1", 45104) };
        var patch = new ConnectionRequest(BgpConfig: new BgpConfigRequest(TunnelCidr: "169.254.20.0/30", LocalBgpIp: "169.254.20.2"));
        Expect.OnlyError(ConnectionRules.ValidateModify(WithBgp(true), patch, Fixtures.Context(others: [other])),
            "InvalidParameter.BgpConfig.TunnelCidr.AlreadyUsed", "bgpConfig.tunnelCidr");
    }

    [Fact]
    public void Moving_the_tunnel_checks_the_kept_local_address_against_it()
    {
        var patch = new ConnectionRequest(BgpConfig: new BgpConfigRequest(TunnelCidr: "169.254.20.0/30"));
        Expect.OnlyError(ConnectionRules.ValidateModify(WithBgp(true), patch, Fixtures.Context()),
            "InvalidParameter.BgpConfig.LocalBgpIp.OutsideTunnelCidr", "bgpConfig.localBgpIp");
    }
}
