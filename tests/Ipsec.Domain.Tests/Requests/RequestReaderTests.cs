using System.Text.Json;

namespace Ipsec.Domain.Tests.Requests;

public class RequestReaderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Reads_every_connection_field()
    {
        var request = Expect.Valid(RequestReader.ReadConnection(Json("""
            {
              "name": "连接1", "vpnGatewayId": "vpn-1", "customerGatewayId": "cgw-1", "routingMode": "protectedFlows",
              "localSubnets": ["10.0.1.0/24", "10.0.2.0/24"], "remoteSubnets": "192.168.1.0/24, 192.168.2.0/24",
              "effectImmediately": true, "psk": "k3y!", "clientToken": "t-1",
              "ikeConfig": { "ikeVersion": "ikev2", "ikeMode": "main", "ikeEncAlg": "aes256", "ikeAuthAlg": "sha512",
                             "ikePfs": "group14", "ikeLifetime": 3600, "localId": "47.100.0.1", "remoteId": "idc.example.com" },
              "ipsecConfig": { "ipsecEncAlg": "aes", "ipsecAuthAlg": "sha256", "ipsecPfs": "disabled", "ipsecLifetime": 1800 },
              "enableDpd": false, "enableNatTraversal": true,
              "bgpConfig": { "enableBgp": true, "tunnelCidr": "169.254.10.0/30", "localBgpIp": "169.254.10.1", "localAsn": "1.10" },
              "healthCheckConfig": { "enable": true, "dip": "192.168.1.5", "sip": "10.0.1.5", "interval": 5, "retry": 4 },
              "remoteCaCertificate": null,
              "unknownExtra": 42
            }
            """)));

        Assert.Equal("连接1", request.Name);
        Assert.Equal("vpn-1", request.VpnGatewayId);
        Assert.Equal("cgw-1", request.CustomerGatewayId);
        Assert.Equal("protectedFlows", request.RoutingMode);
        Assert.Equal(["10.0.1.0/24", "10.0.2.0/24"], request.LocalSubnets);
        Assert.Equal(["192.168.1.0/24", "192.168.2.0/24"], request.RemoteSubnets);
        Assert.True(request.EffectImmediately);
        Assert.Equal("k3y!", request.Psk);
        Assert.Equal("t-1", request.ClientToken);
        Assert.Equal(new IkeConfigRequest("ikev2", "main", "aes256", "sha512", "group14", 3600, "47.100.0.1", "idc.example.com"), request.IkeConfig);
        Assert.Equal(new IpsecConfigRequest("aes", "sha256", "disabled", 1800), request.IpsecConfig);
        Assert.False(request.EnableDpd);
        Assert.True(request.EnableNatTraversal);
        Assert.Equal(new BgpConfigRequest(true, "169.254.10.0/30", "169.254.10.1", "1.10"), request.BgpConfig);
        Assert.Equal(new HealthCheckConfigRequest(true, "192.168.1.5", "10.0.1.5", 5, 4), request.HealthCheckConfig);
        Assert.Null(request.RemoteCaCertificate);
    }

    [Fact]
    public void Absent_and_null_fields_stay_null()
    {
        var request = Expect.Valid(RequestReader.ReadConnection(Json("""{ "name": null, "ikeConfig": null }""")));
        Assert.Equal(new ConnectionRequest(), request);
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { """{ "ikeConfig": { "ikeLifetime": "86400" } }""", "InvalidParameter.IkeConfig.IkeLifetime.WrongType", "ikeConfig.ikeLifetime" },
        { """{ "ikeConfig": { "ikeLifetime": 1.5 } }""", "InvalidParameter.IkeConfig.IkeLifetime.WrongType", "ikeConfig.ikeLifetime" },
        { """{ "ikeConfig": { "ikeLifetime": 1e12 } }""", "InvalidParameter.IkeConfig.IkeLifetime.WrongType", "ikeConfig.ikeLifetime" },
        { """{ "ikeConfig": "aes" }""", "InvalidParameter.IkeConfig.WrongType", "ikeConfig" },
        { """{ "name": 5 }""", "InvalidParameter.Name.WrongType", "name" },
        { """{ "enableDpd": "false" }""", "InvalidParameter.EnableDpd.WrongType", "enableDpd" },
        { """{ "localSubnets": ["10.0.0.0/24", 5] }""", "InvalidParameter.LocalSubnets.WrongType", "localSubnets[1]" },
        { """{ "localSubnets": { "a": 1 } }""", "InvalidParameter.LocalSubnets.WrongType", "localSubnets" },
        { """{ "bgpConfig": { "localAsn": true } }""", "InvalidParameter.BgpConfig.LocalAsn.WrongType", "bgpConfig.localAsn" },
        { """{ "bgpConfig": { "localAsn": 1.5 } }""", "InvalidParameter.BgpConfig.LocalAsn.WrongType", "bgpConfig.localAsn" },
        { """{ "healthCheckConfig": { "retry": [] } }""", "InvalidParameter.HealthCheckConfig.Retry.WrongType", "healthCheckConfig.retry" },
        { """{ "name": "a", "Name": "b" }""", "InvalidParameter.Name.DuplicateProperty", "name" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Wrong_json_types_name_the_field(string json, string code, string field) =>
        Expect.OnlyError(RequestReader.ReadConnection(Json(json)), code, field);

    [Fact]
    public void An_integral_number_written_with_a_fraction_is_an_integer() =>
        Assert.Equal(86400, Expect.Valid(RequestReader.ReadConnection(Json("""{ "ikeConfig": { "ikeLifetime": 86400.0 } }"""))).IkeConfig!.IkeLifetime);

    [Fact]
    public void Every_wrong_type_is_reported()
    {
        var result = RequestReader.ReadConnection(Json("""{ "name": 1, "ikeConfig": { "ikeLifetime": "x", "ikeVersion": 2 }, "ipsecConfig": [] }"""));
        Assert.Equal(4, result.Errors.Count);
        Assert.Equal(
            new HashSet<string?> { "name", "ikeConfig.ikeVersion", "ikeConfig.ikeLifetime", "ipsecConfig" },
            result.Errors.Select(e => e.Field).ToHashSet());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void A_body_that_is_not_an_object_is_refused(string json) =>
        Expect.OnlyError(RequestReader.ReadConnection(Json(json)), "InvalidParameter.Body", null);

    [Fact]
    public void Property_names_match_without_case()
    {
        var request = Expect.Valid(RequestReader.ReadConnection(Json("""{ "VpnGatewayId": "vpn-1", "IKECONFIG": { "IkeVersion": "ikev1" } }""")));
        Assert.Equal("vpn-1", request.VpnGatewayId);
        Assert.Equal("ikev1", request.IkeConfig!.IkeVersion);
    }

    [Fact]
    public void Reads_a_vpn_gateway()
    {
        var request = Expect.Valid(RequestReader.ReadVpnGateway(Json("""{ "name": "gw", "kind": "sm", "version": "legacy", "publicIp": "47.1.1.1", "vpcCidrs": ["10.0.0.0/16"] }""")));
        Assert.Equal("gw", request.Name);
        Assert.Equal("sm", request.Kind);
        Assert.Equal("legacy", request.Version);
        Assert.Equal("47.1.1.1", request.PublicIp);
        Assert.Equal(["10.0.0.0/16"], request.VpcCidrs);
        Expect.OnlyError(RequestReader.ReadVpnGateway(Json("""{ "vpcCidrs": "10.0.0.0/16" }""")), "InvalidParameter.VpcCidrs.WrongType", "vpcCidrs");
    }

    [Theory]
    [InlineData("""{ "name": "idc", "ipAddress": "203.0.113.10", "asn": 65010 }""", "65010")]
    [InlineData("""{ "name": "idc", "ipAddress": "203.0.113.10", "asn": "1.10" }""", "1.10")]
    [InlineData("""{ "name": "idc", "ipAddress": "203.0.113.10" }""", null)]
    public void Reads_a_customer_gateway_asn_as_number_or_string(string json, string? asn) =>
        Assert.Equal(asn, Expect.Valid(RequestReader.ReadCustomerGateway(Json(json))).Asn);

    [Fact]
    public void Reads_account_features()
    {
        var request = Expect.Valid(RequestReader.ReadAccountFeatures(Json("""{ "features": ["dpd", "natTraversal", "bgp", "healthCheck", "dpd"] }""")));
        Assert.Equal(Fixtures.AllFeatures.ToHashSet(), request.Features.ToHashSet());
        Assert.Empty(Expect.Valid(RequestReader.ReadAccountFeatures(Json("""{ "features": [] }"""))).Features);
    }

    [Theory]
    [InlineData("""{ "features": ["dpd", "ipv6"] }""", "InvalidParameter.Features", "features[1]")]
    [InlineData("""{ }""", "MissingParameter.Features", "features")]
    [InlineData("""{ "features": "dpd" }""", "InvalidParameter.Features.WrongType", "features")]
    public void Refuses_bad_account_features(string json, string code, string field) =>
        Expect.OnlyError(RequestReader.ReadAccountFeatures(Json(json)), code, field);

    [Fact]
    public void A_read_request_goes_straight_into_the_rules()
    {
        var request = Expect.Valid(RequestReader.ReadConnection(Json("""
            { "name": "conn1", "vpnGatewayId": "vpn-std", "customerGatewayId": "cgw-1",
              "localSubnets": "10.0.1.0/24", "remoteSubnets": ["192.168.0.0/24"], "bgpConfig": { "localAsn": 65001 } }
            """)));
        var settings = Expect.Valid(ConnectionRules.ValidateCreate(request, Fixtures.Context()));
        Assert.Equal(65001, settings.BgpConfig.LocalAsn);
    }
}
