namespace Ipsec.Domain.Tests.Connections;

public class HealthCheckTests
{
    private static Validated<ConnectionSettings> Create(HealthCheckConfigRequest check) =>
        ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { HealthCheckConfig = check }, Fixtures.Context());

    private static HealthCheckConfigRequest Enabled(string dip = "192.168.0.10", string sip = "10.0.1.10", int? interval = null, int? retry = null) =>
        new(Enable: true, Dip: dip, Sip: sip, Interval: interval, Retry: retry);

    [Fact]
    public void Enabled_check_keeps_addresses_and_default_timing()
    {
        var s = Expect.Valid(Create(Enabled()));
        Assert.Equal(new HealthCheckConfig(true, "192.168.0.10", "10.0.1.10", 3, 3), s.HealthCheckConfig);
    }

    [Fact]
    public void Enabling_requires_dip_and_sip()
    {
        var result = Create(new HealthCheckConfigRequest(Enable: true));
        Expect.Error(result, "MissingParameter.HealthCheckConfig.Dip", "healthCheckConfig.dip");
        Expect.Error(result, "MissingParameter.HealthCheckConfig.Sip", "healthCheckConfig.sip");
        Assert.Equal(2, result.Errors.Count);
    }

    [Theory]
    [InlineData("192.168.0.10", null)]
    [InlineData("192.168.0", "InvalidParameter.HealthCheckConfig.Dip")]
    [InlineData("224.0.0.5", "InvalidParameter.HealthCheckConfig.Dip")]
    [InlineData("0.0.0.0", "InvalidParameter.HealthCheckConfig.Dip")]
    [InlineData("idc.example.com", "InvalidParameter.HealthCheckConfig.Dip")]
    public void Dip_is_an_ipv4_address(string dip, string? code) =>
        Expect.Outcome(Create(Enabled(dip: dip)), code, "healthCheckConfig.dip");

    [Theory]
    [InlineData("10.0.1.10", null)]
    [InlineData("10.0.1.300", "InvalidParameter.HealthCheckConfig.Sip")]
    public void Sip_is_an_ipv4_address(string sip, string? code) =>
        Expect.Outcome(Create(Enabled(sip: sip)), code, "healthCheckConfig.sip");

    [Theory]
    [InlineData(1, null)]
    [InlineData(60, null)]
    [InlineData(0, "InvalidParameter.HealthCheckConfig.Interval")]
    [InlineData(61, "InvalidParameter.HealthCheckConfig.Interval")]
    [InlineData(-3, "InvalidParameter.HealthCheckConfig.Interval")]
    public void Interval_is_1_to_60_seconds(int interval, string? code) =>
        Expect.Outcome(Create(Enabled(interval: interval)), code, "healthCheckConfig.interval");

    [Theory]
    [InlineData(1, null)]
    [InlineData(100, null)]
    [InlineData(0, "InvalidParameter.HealthCheckConfig.Retry")]
    [InlineData(101, "InvalidParameter.HealthCheckConfig.Retry")]
    public void Retry_is_1_to_100(int retry, string? code) =>
        Expect.Outcome(Create(Enabled(retry: retry)), code, "healthCheckConfig.retry");
}
