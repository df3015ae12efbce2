using System.Text.Json;

namespace Ipsec.Domain.Tests.Json;

public class ApiJsonTests
{
    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(Serialize(value), ApiJson.Options)!;

    public static TheoryData<object, string> Spellings => new()
    {
        { Feature.Dpd, "dpd" },
        { Feature.NatTraversal, "natTraversal" },
        { Feature.Bgp, "bgp" },
        { Feature.HealthCheck, "healthCheck" },
        { GatewayKind.Standard, "standard" },
        { GatewayKind.Sm, "sm" },
        { GatewayVersion.Current, "current" },
        { GatewayVersion.Legacy, "legacy" },
        { RoutingMode.Destination, "destination" },
        { RoutingMode.ProtectedFlows, "protectedFlows" },
        { IkeVersion.Ikev1, "ikev1" },
        { IkeVersion.Ikev2, "ikev2" },
        { IkeMode.Main, "main" },
        { IkeMode.Aggressive, "aggressive" },
        { TunnelStatus.IkeSaNotEstablished, "ike_sa_not_established" },
        { TunnelStatus.IkeSaEstablished, "ike_sa_established" },
        { TunnelStatus.IpsecSaNotEstablished, "ipsec_sa_not_established" },
        { TunnelStatus.IpsecSaEstablished, "ipsec_sa_established" },
        { ProvisioningState.Creating, "creating" },
        { ProvisioningState.Active, "active" },
        { ProvisioningState.Updating, "updating" },
        { ProvisioningState.Deleting, "deleting" },
        { ProvisioningState.Failed, "failed" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Enum_spellings_round_trip(object value, string spelling)
    {
        var type = value.GetType();
        string json = JsonSerializer.Serialize(value, type, ApiJson.Options);
        Assert.Equal($"\"{spelling}\"", json);
        Assert.Equal(value, JsonSerializer.Deserialize(json, type, ApiJson.Options));
        // The spelling is declared on the enum itself, so default options agree with ApiJson.
        Assert.Equal(json, JsonSerializer.Serialize(value, type));
    }

    [Fact]
    public void Enum_spelling_helper_agrees_with_json()
    {
        Assert.Equal("ipsec_sa_established", EnumSpelling.Of(TunnelStatus.IpsecSaEstablished));
        Assert.True(EnumSpelling.TryParse("PROTECTEDFLOWS", out RoutingMode mode));
        Assert.Equal(RoutingMode.ProtectedFlows, mode);
        Assert.False(EnumSpelling.TryParse("ProtectedFlow", out mode));
    }

    [Fact]
    public void Settings_round_trip_with_camel_case_names()
    {
        var settings = Expect.Valid(ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with
        {
            RoutingMode = "protectedFlows",
            BgpConfig = new BgpConfigRequest(true, "169.254.10.0/30", "169.254.10.1", "1.10"),
            HealthCheckConfig = new HealthCheckConfigRequest(true, "192.168.0.10", "10.0.1.10"),
        }, Fixtures.Context()));

        string json = Serialize(settings);
        Assert.Contains("\"vpnGatewayId\":\"vpn-std\"", json);
        Assert.Contains("\"routingMode\":\"protectedFlows\"", json);
        Assert.Contains("\"ikeVersion\":\"ikev2\"", json);
        Assert.Contains("\"localAsn\":65546", json);

        var back = RoundTrip(settings);
        Assert.Equal(Serialize(settings), Serialize(back));
        Assert.Equal(settings.IkeConfig, back.IkeConfig);
        Assert.Equal(settings.BgpConfig, back.BgpConfig);
        Assert.Equal(settings.LocalSubnets, back.LocalSubnets);
    }

    [Fact]
    public void Account_features_round_trip_as_a_set()
    {
        var account = Fixtures.AccountWith(Feature.Dpd, Feature.HealthCheck);
        string json = Serialize(account);
        Assert.Equal("""{"accountId":"acct-1","features":["dpd","healthCheck"]}""", json);
        var back = RoundTrip(account);
        Assert.True(back.Allows(Feature.HealthCheck));
        Assert.False(back.Allows(Feature.Bgp));
    }

    [Fact]
    public void Account_reads_back_with_default_options_too()
    {
        var back = JsonSerializer.Deserialize<Account>("""{"AccountId":"a","Features":["bgp"]}""")!;
        Assert.Equal(new HashSet<Feature> { Feature.Bgp }, back.Features.ToHashSet());
    }

    [Fact]
    public void Gateways_events_and_errors_round_trip()
    {
        var gateway = RoundTrip(Fixtures.SmGateway);
        Assert.Equal(Fixtures.SmGateway with { VpcCidrs = gateway.VpcCidrs }, gateway);
        Assert.Contains("\"kind\":\"sm\"", Serialize(Fixtures.SmGateway));

        Assert.Equal(Fixtures.Customer, RoundTrip(Fixtures.Customer));

        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var change = new StatusChange("status", "ike_sa_not_established", "ike_sa_established", "IKE_AUTH done", at);
        Assert.Equal(change, RoundTrip(change));
        var evt = new ConnectionEvent("ipsec-1", "acct-1", "status", null, "ipsec_sa_established", "CHILD_SA up", at);
        Assert.Equal(evt, RoundTrip(evt));

        var error = new ApiError("Forbidden.FeatureNotAllowed.Bgp", "bgpConfig.enableBgp", "no", ErrorKind.Forbidden);
        Assert.Equal("""{"code":"Forbidden.FeatureNotAllowed.Bgp","field":"bgpConfig.enableBgp","message":"no","kind":"forbidden"}""", Serialize(error));
        Assert.Equal(error, RoundTrip(error));
        var warning = new ApiWarning("Warning.WeakAlgorithm", "ikeConfig.ikePfs", "weak");
        Assert.Equal(warning, RoundTrip(warning));
    }

    [Fact]
    public void Options_are_shared_read_only() => Assert.True(ApiJson.Options.IsReadOnly);
}
