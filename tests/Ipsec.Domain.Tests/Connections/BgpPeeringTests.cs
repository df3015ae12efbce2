namespace Ipsec.Domain.Tests.Connections;

/// <summary>The BGP peering the gateway is configured with: our tunnel address, the /30's other host as neighbour.</summary>
public sealed class BgpPeeringTests
{
    [Theory]
    [InlineData("169.254.10.0/30", "169.254.10.1", "169.254.10.2")]
    [InlineData("169.254.10.0/30", "169.254.10.2", "169.254.10.1")]
    [InlineData("169.254.200.4/30", "169.254.200.6", "169.254.200.5")]
    public void TheNeighborIsTheOtherHostOfTheTunnelSlash30(string cidr, string local, string neighbor)
    {
        var peering = BgpPeering.From(new BgpConfig(true, cidr, local, 45104), 65010);

        Assert.NotNull(peering);
        Assert.Equal(local, peering.LocalAddress);
        Assert.Equal(neighbor, peering.NeighborAddress);
        Assert.Equal(45104, peering.LocalAsn);
        Assert.Equal(65010, peering.PeerAsn);
        Assert.Equal($"local {local}/30 AS 45104, neighbor {neighbor} AS 65010", peering.ToString());
    }

    [Fact]
    public void BgpOff_NoPeering() => Assert.Null(BgpPeering.From(new BgpConfig(false, null, null, 45104), 65010));

    [Theory]
    [InlineData("169.254.10.0/30", "169.254.10.0")]   // the network address is not a host
    [InlineData("169.254.10.0/30", "169.254.10.3")]   // nor the broadcast address
    [InlineData("169.254.10.0/29", "169.254.10.1")]   // not a /30
    [InlineData("169.254.10.0/30", "169.254.11.1")]   // outside the block
    public void SettingsThatNeverPassedValidation_NoPeering(string cidr, string local) =>
        Assert.Null(BgpPeering.From(new BgpConfig(true, cidr, local, 45104), null));

    [Fact]
    public void CustomerGatewayWithoutAsn_SaysSo() =>
        Assert.EndsWith("AS (customer gateway has no ASN)", BgpPeering.From(new BgpConfig(true, "169.254.10.0/30", "169.254.10.1", 45104), null)!.ToString());
}
