namespace Ipsec.Domain.Tests.Networking;

public class Ipv4AddressTests
{
    [Theory]
    [InlineData("0.0.0.0", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("192.168.100.200", true)]
    [InlineData("256.0.0.1", false)]        // octet above 255
    [InlineData("10.0.0", false)]           // three octets ("10.0.0" means 10.0.0.0 to inet_aton)
    [InlineData("10.0.0.1.5", false)]
    [InlineData("010.0.0.1", false)]        // leading zero: octal to some parsers
    [InlineData("0x0a.0.0.1", false)]
    [InlineData("10.0.0.1 ", false)]
    [InlineData(" 10.0.0.1", false)]
    [InlineData("10..0.1", false)]
    [InlineData("10.0.0.", false)]
    [InlineData("1000.0.0.1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("::1", false)]              // IPv6 is out of scope
    public void Parses_only_strict_dotted_quads(string? text, bool valid)
    {
        Assert.Equal(valid, Ipv4Address.TryParse(text, out var address));
        if (valid) Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("127.0.0.1", true)]         // loopback: used by local interop setups
    [InlineData("169.254.1.1", true)]
    [InlineData("223.255.255.255", true)]
    [InlineData("0.0.0.0", false)]          // "this network" (RFC 1122 3.2.1.3)
    [InlineData("0.1.2.3", false)]
    [InlineData("224.0.0.1", false)]        // multicast
    [InlineData("239.255.255.255", false)]
    [InlineData("240.0.0.1", false)]        // reserved
    [InlineData("255.255.255.255", false)]  // limited broadcast
    public void Knows_unicast_addresses(string text, bool unicast)
    {
        Assert.True(Ipv4Address.TryParse(text, out var address));
        Assert.Equal(unicast, address.IsUnicast);
    }
}
