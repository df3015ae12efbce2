namespace Ipsec.Domain.Tests.Networking;

public class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/24", CidrParseOutcome.Valid, "10.0.0.0/24")]
    [InlineData("0.0.0.0/0", CidrParseOutcome.Valid, "0.0.0.0/0")]
    [InlineData("10.0.0.1/32", CidrParseOutcome.Valid, "10.0.0.1/32")]
    [InlineData("169.254.7.0/30", CidrParseOutcome.Valid, "169.254.7.0/30")]
    [InlineData("10.0.0.1/24", CidrParseOutcome.HostBitsSet, "10.0.0.0/24")]
    [InlineData("10.1.0.0/8", CidrParseOutcome.HostBitsSet, "10.0.0.0/8")]
    [InlineData("10.0.0.0/33", CidrParseOutcome.Malformed, null)]
    [InlineData("10.0.0.0/024", CidrParseOutcome.Malformed, null)]
    [InlineData("10.0.0.0/", CidrParseOutcome.Malformed, null)]
    [InlineData("10.0.0.0", CidrParseOutcome.Malformed, null)]
    [InlineData("10.0.0/24", CidrParseOutcome.Malformed, null)]
    [InlineData("10.0.0.0/-1", CidrParseOutcome.Malformed, null)]
    [InlineData("10.0.0.0/24/1", CidrParseOutcome.Malformed, null)]
    [InlineData("", CidrParseOutcome.Malformed, null)]
    [InlineData(null, CidrParseOutcome.Malformed, null)]
    public void Parses_cidr_blocks_and_names_host_bits(string? text, CidrParseOutcome expected, string? network)
    {
        Assert.Equal(expected, Ipv4Cidr.TryParse(text, out var cidr));
        if (network is not null) Assert.Equal(network, cidr.ToString());
    }

    [Fact]
    public void Contains_checks_membership_and_last_is_the_broadcast()
    {
        Ipv4Cidr.TryParse("169.254.10.0/30", out var cidr);
        Ipv4Address.TryParse("169.254.10.3", out var last);
        Ipv4Address.TryParse("169.254.10.4", out var outside);
        Assert.Equal(last, cidr.Last);
        Assert.True(cidr.Contains(last));
        Assert.False(cidr.Contains(outside));
    }

    [Fact]
    public void Constructor_refuses_host_bits()
    {
        Ipv4Address.TryParse("10.0.0.1", out var address);
        Assert.Throws<ArgumentException>(() => new Ipv4Cidr(address, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ipv4Cidr(address, 33));
    }
}
