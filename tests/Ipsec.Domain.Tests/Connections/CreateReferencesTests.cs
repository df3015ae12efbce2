namespace Ipsec.Domain.Tests.Connections;

/// <summary>Required fields, gateway references, routing mode, sm preconditions, client token.</summary>
public class CreateReferencesTests
{
    [Fact]
    public void An_empty_request_reports_every_missing_field()
    {
        var result = ConnectionRules.ValidateCreate(new ConnectionRequest(), Fixtures.Context());

        Expect.Error(result, "MissingParameter.Name", "name");
        Expect.Error(result, "MissingParameter.VpnGatewayId", "vpnGatewayId");
        Expect.Error(result, "MissingParameter.CustomerGatewayId", "customerGatewayId");
        Expect.Error(result, "MissingParameter.LocalSubnets", "localSubnets");
        Expect.Error(result, "MissingParameter.RemoteSubnets", "remoteSubnets");
        Assert.Equal(5, result.Errors.Count);
    }

    [Fact]
    public void Collects_errors_from_different_fields_in_one_answer()
    {
        var request = Fixtures.StandardRequest() with
        {
            Name = "1bad",
            LocalSubnets = ["10.0.0.1/24"],
            IkeConfig = new IkeConfigRequest(IkeLifetime: 0),
        };
        var result = ConnectionRules.ValidateCreate(request, Fixtures.Context());
        Expect.Error(result, "InvalidParameter.Name", "name");
        Expect.Error(result, "InvalidParameter.LocalSubnets.HostBitsSet", "localSubnets[0]");
        Expect.Error(result, "InvalidParameter.IkeConfig.IkeLifetime", "ikeConfig.ikeLifetime");
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Unknown_vpn_gateway_is_an_invalid_reference()
    {
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest(), Fixtures.Context(noGateway: true));
        Expect.OnlyError(result, "InvalidVpnGatewayId.NotFound", "vpnGatewayId");
        Assert.Equal(ErrorKind.Invalid, result.Kind);
    }

    [Fact]
    public void Another_accounts_gateway_counts_as_not_found()
    {
        var foreign = Fixtures.StandardGateway with { AccountId = "someone-else" };
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest(), Fixtures.Context(foreign));
        Expect.OnlyError(result, "InvalidVpnGatewayId.NotFound", "vpnGatewayId");
    }

    [Fact]
    public void Unknown_customer_gateway_is_an_invalid_reference()
    {
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest(), Fixtures.Context(noCustomerGateway: true));
        Expect.OnlyError(result, "InvalidCustomerGatewayId.NotFound", "customerGatewayId");
    }

    [Theory]
    [InlineData("vpn-legacy", "destination", "InvalidParameter.RoutingMode.LegacyGateway")]
    [InlineData("vpn-legacy", "protectedFlows", "InvalidParameter.RoutingMode.LegacyGateway")]
    [InlineData("vpn-std", "destination", null)]
    [InlineData("vpn-std", "protectedFlows", null)]
    [InlineData("vpn-std", "static", "InvalidParameter.RoutingMode")]
    public void Routing_mode_only_on_current_gateways(string gatewayId, string mode, string? code)
    {
        var gateway = gatewayId == "vpn-legacy" ? Fixtures.LegacyGateway : Fixtures.StandardGateway;
        var request = Fixtures.StandardRequest() with { VpnGatewayId = gatewayId, RoutingMode = mode };
        Expect.Outcome(ConnectionRules.ValidateCreate(request, Fixtures.Context(gateway)), code, "routingMode");
    }

    [Theory]
    [InlineData(false, "InvalidOperation.SmCertificatesNotBound")]
    [InlineData(true, null)]
    public void Sm_gateway_needs_bound_certificates(bool bound, string? code)
    {
        var gateway = Fixtures.SmGateway with { SmCertificatesBound = bound };
        Expect.Outcome(ConnectionRules.ValidateCreate(Fixtures.SmRequest(), Fixtures.Context(gateway)), code, "vpnGatewayId");
    }

    public static TheoryData<string, string?> ClientTokens => new()
    {
        { "token-1", null },
        { new string('t', 64), null },
        { new string('t', 65), "InvalidParameter.ClientToken" },
        { "has space", "InvalidParameter.ClientToken" },
        { "", "InvalidParameter.ClientToken" },
        { "令牌", "InvalidParameter.ClientToken" },
    };

    [Theory]
    [MemberData(nameof(ClientTokens))]
    public void Client_token_is_short_ascii(string token, string? code) =>
        Expect.Outcome(ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { ClientToken = token }, Fixtures.Context()), code, "clientToken");
}
