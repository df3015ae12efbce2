namespace Ipsec.Domain.Tests.Gateways;

public class GatewayRulesTests
{
    private static VpnGatewayRequest ValidVpn() => new("gw1", null, null, "47.100.0.1", ["10.0.0.0/16"]);

    [Fact]
    public void Vpn_gateway_defaults_to_standard_current()
    {
        var gateway = Expect.Valid(GatewayRules.ValidateVpnGateway(ValidVpn(), "acct-1", "vpn-1"));
        Assert.Equal("vpn-1", gateway.VpnGatewayId);
        Assert.Equal("acct-1", gateway.AccountId);
        Assert.Equal(GatewayKind.Standard, gateway.Kind);
        Assert.Equal(GatewayVersion.Current, gateway.Version);
        Assert.Equal(["10.0.0.0/16"], gateway.VpcCidrs);
        Assert.False(gateway.SmCertificatesBound);
        Assert.False(gateway.BgpEnabled);
    }

    [Theory]
    [InlineData("sm", "legacy", null, null)]
    [InlineData("standard", "current", null, null)]
    [InlineData("national", null, "InvalidParameter.Kind", "kind")]
    [InlineData(null, "old", "InvalidParameter.Version", "version")]
    public void Kind_and_version(string? kind, string? version, string? code, string? field) =>
        Expect.Outcome(GatewayRules.ValidateVpnGateway(ValidVpn() with { Kind = kind, Version = version }, "acct-1", "vpn-1"), code, field);

    [Theory]
    [InlineData("47.100.0.1", null)]
    [InlineData("10.0.0.1", null)]
    [InlineData("0.0.0.0", "InvalidParameter.PublicIp")]
    [InlineData("224.0.0.1", "InvalidParameter.PublicIp")]
    [InlineData("255.255.255.255", "InvalidParameter.PublicIp")]
    [InlineData("47.100.0", "InvalidParameter.PublicIp")]
    [InlineData("2001:db8::1", "InvalidParameter.PublicIp")]
    public void Public_ip_is_a_unicast_ipv4_address(string ip, string? code) =>
        Expect.Outcome(GatewayRules.ValidateVpnGateway(ValidVpn() with { PublicIp = ip }, "acct-1", "vpn-1"), code, "publicIp");

    public static TheoryData<string[]?, string?, string?> VpcCidrs => new()
    {
        { ["10.0.0.0/16", "172.16.0.0/12"], null, null },
        { null, "MissingParameter.VpcCidrs", "vpcCidrs" },
        { [], "InvalidParameter.VpcCidrs.Empty", "vpcCidrs" },
        { ["10.0.0.1/16"], "InvalidParameter.VpcCidrs.HostBitsSet", "vpcCidrs[0]" },
        { ["10.0.0.0/16", "vpc"], "InvalidParameter.VpcCidrs", "vpcCidrs[1]" },
    };

    [Theory]
    [MemberData(nameof(VpcCidrs))]
    public void Vpc_cidrs_are_a_non_empty_cidr_list(string[]? cidrs, string? code, string? field) =>
        Expect.Outcome(GatewayRules.ValidateVpnGateway(ValidVpn() with { VpcCidrs = cidrs }, "acct-1", "vpn-1"), code, field);

    [Theory]
    [InlineData("网关1", null)]
    [InlineData("1gw", "InvalidParameter.Name")]
    [InlineData(null, "MissingParameter.Name")]
    public void Vpn_gateway_name(string? name, string? code) =>
        Expect.Outcome(GatewayRules.ValidateVpnGateway(ValidVpn() with { Name = name }, "acct-1", "vpn-1"), code, "name");

    [Fact]
    public void Missing_public_ip_is_reported_with_the_rest()
    {
        var result = GatewayRules.ValidateVpnGateway(new VpnGatewayRequest(), "acct-1", "vpn-1");
        Expect.Error(result, "MissingParameter.Name", "name");
        Expect.Error(result, "MissingParameter.PublicIp", "publicIp");
        Expect.Error(result, "MissingParameter.VpcCidrs", "vpcCidrs");
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("65010", 65010L, null)]
    [InlineData("1.10", 65546L, null)]
    [InlineData("0", null, "InvalidParameter.Asn")]
    [InlineData("4294967296", null, "InvalidParameter.Asn")]
    public void Customer_gateway_asn_is_optional(string? asn, long? expected, string? code)
    {
        var result = GatewayRules.ValidateCustomerGateway(new CustomerGatewayRequest("idc", "203.0.113.10", asn), "acct-1", "cgw-1");
        Expect.Outcome(result, code, "asn");
        if (code is null) Assert.Equal(expected, result.Value!.Asn);
    }

    [Theory]
    [InlineData("203.0.113.10", null)]
    [InlineData(null, "MissingParameter.IpAddress")]
    [InlineData("203.0.113", "InvalidParameter.IpAddress")]
    [InlineData("239.1.1.1", "InvalidParameter.IpAddress")]
    public void Customer_gateway_ip_address(string? ip, string? code) =>
        Expect.Outcome(GatewayRules.ValidateCustomerGateway(new CustomerGatewayRequest("idc", ip), "acct-1", "cgw-1"), code, "ipAddress");

    [Fact]
    public void Customer_gateway_is_built_from_a_valid_request()
    {
        var gateway = Expect.Valid(GatewayRules.ValidateCustomerGateway(new CustomerGatewayRequest("用户网关", "203.0.113.10"), "acct-1", "cgw-1"));
        Assert.Equal(new CustomerGateway("cgw-1", "acct-1", "用户网关", "203.0.113.10", null), gateway);
    }
}
