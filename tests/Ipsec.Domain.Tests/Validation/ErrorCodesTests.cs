namespace Ipsec.Domain.Tests.Validation;

public class ErrorCodesTests
{
    [Theory]
    [InlineData("name", null, "InvalidParameter.Name")]
    [InlineData("ikeConfig.ikeLifetime", null, "InvalidParameter.IkeConfig.IkeLifetime")]
    [InlineData("localSubnets[1]", null, "InvalidParameter.LocalSubnets")]
    [InlineData("bgpConfig.tunnelCidr", "Reserved", "InvalidParameter.BgpConfig.TunnelCidr.Reserved")]
    public void Codes_name_the_field(string field, string? reason, string code) =>
        Assert.Equal(code, ErrorCodes.InvalidParameter(field, reason));

    [Fact]
    public void Missing_and_forbidden_codes()
    {
        Assert.Equal("MissingParameter.VpnGatewayId", ErrorCodes.MissingParameter("vpnGatewayId"));
        Assert.Equal("Forbidden.FeatureNotAllowed.Dpd", ErrorCodes.FeatureNotAllowed(Feature.Dpd));
        Assert.Equal("Forbidden.FeatureNotAllowed.HealthCheck", ErrorCodes.FeatureNotAllowed(Feature.HealthCheck));
    }
}
