namespace Ipsec.Domain.Tests.Connections;

public class BgpTests
{
    private static Validated<ConnectionSettings> Create(BgpConfigRequest bgp, ConnectionContext? context = null) =>
        ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { BgpConfig = bgp }, context ?? Fixtures.Context());

    private static BgpConfigRequest Enabled(string tunnelCidr = "169.254.10.0/30", string localBgpIp = "169.254.10.1", string? localAsn = null) =>
        new(EnableBgp: true, TunnelCidr: tunnelCidr, LocalBgpIp: localBgpIp, LocalAsn: localAsn);

    [Fact]
    public void Enabled_bgp_is_kept()
    {
        var s = Expect.Valid(Create(Enabled(localAsn: "65001")));
        Assert.Equal(new BgpConfig(true, "169.254.10.0/30", "169.254.10.1", 65001), s.BgpConfig);
    }

    public static TheoryData<string, string?> TunnelCidrs => new()
    {
        { "169.254.7.0/30", null },                                                // first /30 after the reserved range
        { "169.254.6.4/30", null },                                                // 169.254.6.3 is the last reserved address
        { "169.254.169.248/30", null },
        { "169.254.255.252/30", null },
        { "169.254.0.0/30", "InvalidParameter.BgpConfig.TunnelCidr.Reserved" },
        { "169.254.3.8/30", "InvalidParameter.BgpConfig.TunnelCidr.Reserved" },
        { "169.254.5.252/30", "InvalidParameter.BgpConfig.TunnelCidr.Reserved" },
        { "169.254.6.0/30", "InvalidParameter.BgpConfig.TunnelCidr.Reserved" },
        { "169.254.169.252/30", "InvalidParameter.BgpConfig.TunnelCidr.Reserved" },
        { "169.254.10.0/29", "InvalidParameter.BgpConfig.TunnelCidr.PrefixLength" },
        { "169.254.10.0/31", "InvalidParameter.BgpConfig.TunnelCidr.PrefixLength" },
        { "169.254.10.1/30", "InvalidParameter.BgpConfig.TunnelCidr.HostBitsSet" },
        { "10.0.0.0/30", "InvalidParameter.BgpConfig.TunnelCidr.OutsideLinkLocal" },
        { "169.255.0.0/30", "InvalidParameter.BgpConfig.TunnelCidr.OutsideLinkLocal" },
        { "169.254.10.0", "InvalidParameter.BgpConfig.TunnelCidr" },
    };

    /// <summary>localBgpIp follows the CIDR so that only the CIDR rule can fail.</summary>
    [Theory]
    [MemberData(nameof(TunnelCidrs))]
    public void Tunnel_cidr_is_a_usable_link_local_slash_30(string cidr, string? code)
    {
        Ipv4Cidr.TryParse(cidr, out var parsed);
        string localBgpIp = new Ipv4Address(parsed.Network.Value + 1).ToString();
        Expect.Outcome(Create(Enabled(cidr, localBgpIp)), code, "bgpConfig.tunnelCidr");
    }

    [Theory]
    [InlineData("169.254.10.1", null)]
    [InlineData("169.254.10.2", null)]
    [InlineData("169.254.10.0", "InvalidParameter.BgpConfig.LocalBgpIp.NotUsableHost")]   // network address
    [InlineData("169.254.10.3", "InvalidParameter.BgpConfig.LocalBgpIp.NotUsableHost")]   // broadcast address
    [InlineData("169.254.10.5", "InvalidParameter.BgpConfig.LocalBgpIp.OutsideTunnelCidr")]
    [InlineData("169.254.10", "InvalidParameter.BgpConfig.LocalBgpIp")]
    public void Local_bgp_ip_is_a_usable_host_in_the_tunnel(string ip, string? code) =>
        Expect.Outcome(Create(Enabled(localBgpIp: ip)), code, "bgpConfig.localBgpIp");

    [Theory]
    [InlineData("1.10", 65546L, null)]
    [InlineData("123.456", 8061384L, null)]
    [InlineData("4294967295", 4294967295L, null)]
    [InlineData("1", 1L, null)]
    [InlineData("0", 0L, "InvalidParameter.BgpConfig.LocalAsn")]
    [InlineData("4294967296", 0L, "InvalidParameter.BgpConfig.LocalAsn")]
    [InlineData("65536.1", 0L, "InvalidParameter.BgpConfig.LocalAsn")]
    public void Local_asn_in_asplain_or_asdot(string asn, long expected, string? code)
    {
        var result = Create(Enabled(localAsn: asn));
        Expect.Outcome(result, code, "bgpConfig.localAsn");
        if (code is null) Assert.Equal(expected, result.Value!.BgpConfig.LocalAsn);
    }

    [Fact]
    public void Enabling_bgp_requires_the_tunnel_and_the_local_address()
    {
        var result = Create(new BgpConfigRequest(EnableBgp: true));
        Expect.Error(result, "MissingParameter.BgpConfig.TunnelCidr", "bgpConfig.tunnelCidr");
        Expect.Error(result, "MissingParameter.BgpConfig.LocalBgpIp", "bgpConfig.localBgpIp");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void An_invalid_tunnel_cidr_is_not_also_reported_missing()
    {
        var result = Create(Enabled(tunnelCidr: "nope"));
        Expect.OnlyError(result, "InvalidParameter.BgpConfig.TunnelCidr", "bgpConfig.tunnelCidr");
    }

    [Theory]
    [InlineData("169.254.10.0/30", "InvalidParameter.BgpConfig.TunnelCidr.AlreadyUsed")]
    [InlineData("169.254.20.0/30", null)]
    public void Tunnel_cidr_is_unique_on_the_gateway(string cidr, string? code)
    {
        var other = Fixtures.ExistingStandard() with { BgpConfig = new BgpConfig(true, "169.254.10.0/30", "169.254.10.1", 45104) };
        Ipv4Cidr.TryParse(cidr, out var parsed);
        var request = Enabled(cidr, new Ipv4Address(parsed.Network.Value + 1).ToString());
        Expect.Outcome(Create(request, Fixtures.Context(others: [other])), code, "bgpConfig.tunnelCidr");
    }

    [Theory]
    [InlineData(null, "InvalidOperation.CustomerGatewayAsnRequired")]
    [InlineData(65010L, null)]
    public void Bgp_needs_the_customer_gateways_asn(long? asn, string? code)
    {
        var context = Fixtures.Context(customerGateway: Fixtures.Customer with { Asn = asn });
        Expect.Outcome(Create(Enabled(), context), code, "bgpConfig.enableBgp");
    }

    [Fact]
    public void Sub_fields_without_enabling_are_checked_and_stored()
    {
        var s = Expect.Valid(Create(new BgpConfigRequest(TunnelCidr: "169.254.30.0/30", LocalBgpIp: "169.254.30.2")));
        Assert.Equal(new BgpConfig(false, "169.254.30.0/30", "169.254.30.2", 45104), s.BgpConfig);
        Expect.OnlyError(Create(new BgpConfigRequest(TunnelCidr: "169.254.6.0/30")), "InvalidParameter.BgpConfig.TunnelCidr.Reserved", "bgpConfig.tunnelCidr");
    }
}
