namespace Ipsec.Domain.Tests.Connections;

/// <summary>PRODUCT.md section 2: without the feature a setting keeps its system default; moving it away is 403.</summary>
public class FeatureAllowListTests
{
    private static readonly Account NoFeatures = Fixtures.AccountWith();

    public static TheoryData<string, Feature, string> NonDefaultSettings => new()
    {
        { "enableDpd=false", Feature.Dpd, "enableDpd" },
        { "enableNatTraversal=false", Feature.NatTraversal, "enableNatTraversal" },
        { "enableBgp=true", Feature.Bgp, "bgpConfig.enableBgp" },
        { "tunnelCidr", Feature.Bgp, "bgpConfig.tunnelCidr" },
        { "localAsn=65001", Feature.Bgp, "bgpConfig.localAsn" },
        { "healthCheck.enable=true", Feature.HealthCheck, "healthCheckConfig.enable" },
        { "healthCheck.interval=5", Feature.HealthCheck, "healthCheckConfig.interval" },
        { "healthCheck.dip", Feature.HealthCheck, "healthCheckConfig.dip" },
    };

    private static ConnectionRequest RequestSetting(string setting) => Fixtures.StandardRequest() with
    {
        EnableDpd = setting == "enableDpd=false" ? false : null,
        EnableNatTraversal = setting == "enableNatTraversal=false" ? false : null,
        BgpConfig = setting switch
        {
            "enableBgp=true" => new BgpConfigRequest(true, "169.254.10.0/30", "169.254.10.1"),
            "tunnelCidr" => new BgpConfigRequest(TunnelCidr: "169.254.10.0/30"),
            "localAsn=65001" => new BgpConfigRequest(LocalAsn: "65001"),
            _ => null,
        },
        HealthCheckConfig = setting switch
        {
            "healthCheck.enable=true" => new HealthCheckConfigRequest(true, "192.168.0.10", "10.0.1.10"),
            "healthCheck.interval=5" => new HealthCheckConfigRequest(Interval: 5),
            "healthCheck.dip" => new HealthCheckConfigRequest(Dip: "192.168.0.10"),
            _ => null,
        },
    };

    [Theory]
    [MemberData(nameof(NonDefaultSettings))]
    public void Without_the_feature_a_non_default_setting_is_forbidden(string setting, Feature feature, string field)
    {
        var result = ConnectionRules.ValidateCreate(RequestSetting(setting), Fixtures.Context(account: NoFeatures));
        Expect.Error(result, $"Forbidden.FeatureNotAllowed.{feature}", field, ErrorKind.Forbidden);
        Assert.Equal(ErrorKind.Forbidden, result.Kind);
    }

    [Theory]
    [MemberData(nameof(NonDefaultSettings))]
    public void With_the_feature_the_setting_is_accepted(string setting, Feature feature, string field)
    {
        _ = field;
        var result = ConnectionRules.ValidateCreate(RequestSetting(setting), Fixtures.Context(account: Fixtures.AccountWith(feature)));
        Expect.Valid(result);
    }

    [Fact]
    public void Without_features_explicit_defaults_are_accepted()
    {
        var request = Fixtures.StandardRequest() with
        {
            EnableDpd = true,
            EnableNatTraversal = true,
            BgpConfig = new BgpConfigRequest(EnableBgp: false, LocalAsn: "45104"),
            HealthCheckConfig = new HealthCheckConfigRequest(Enable: false, Interval: 3, Retry: 3),
        };
        Expect.Valid(ConnectionRules.ValidateCreate(request, Fixtures.Context(account: NoFeatures)));
    }

    [Fact]
    public void Every_forbidden_setting_is_reported_together_with_invalid_ones()
    {
        var request = Fixtures.StandardRequest() with { Name = "1bad", EnableDpd = false, EnableNatTraversal = false };
        var result = ConnectionRules.ValidateCreate(request, Fixtures.Context(account: NoFeatures));
        Expect.Error(result, "Forbidden.FeatureNotAllowed.Dpd", "enableDpd", ErrorKind.Forbidden);
        Expect.Error(result, "Forbidden.FeatureNotAllowed.NatTraversal", "enableNatTraversal", ErrorKind.Forbidden);
        Expect.Error(result, "InvalidParameter.Name", "name");
        Assert.Equal(ErrorKind.Forbidden, result.Kind);
    }

    [Theory]
    [InlineData(false, "Forbidden.FeatureNotAllowed.Dpd")]   // switching DPD off without the feature
    [InlineData(true, null)]                                 // default value: fine
    public void Modify_checks_every_switch(bool enableDpd, string? code)
    {
        var current = Fixtures.ExistingStandard();
        var result = ConnectionRules.ValidateModify(current, new ConnectionRequest(EnableDpd: enableDpd), Fixtures.Context(account: NoFeatures));
        Expect.Outcome(result, code, "enableDpd", ErrorKind.Forbidden);
    }

    [Fact]
    public void Modify_may_return_to_the_default_or_keep_a_value_after_the_feature_was_withdrawn()
    {
        var current = Fixtures.ExistingStandard() with { EnableDpd = false, EnableNatTraversal = false };
        var context = Fixtures.Context(account: NoFeatures);
        Expect.Valid(ConnectionRules.ValidateModify(current, new ConnectionRequest(EnableDpd: true), context));
        Expect.Valid(ConnectionRules.ValidateModify(current, new ConnectionRequest(EnableNatTraversal: false, Name: "renamed"), context));
    }
}
