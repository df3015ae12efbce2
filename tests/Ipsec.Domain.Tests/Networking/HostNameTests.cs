namespace Ipsec.Domain.Tests.Networking;

public class HostNameTests
{
    [Theory]
    [InlineData("vpn.example.com", true)]
    [InlineData("vpn", true)]
    [InlineData("vpn-1.example.com.", true)]
    [InlineData("1a.example.com", true)]
    [InlineData("-vpn.example.com", false)]
    [InlineData("vpn-.example.com", false)]
    [InlineData("vpn..example.com", false)]
    [InlineData("vpn_1.example.com", false)]
    [InlineData("1.2.3.256", false)]   // all-numeric: a mistyped address, not a name
    [InlineData("1.2.3.4", false)]
    [InlineData("", false)]
    public void Accepts_rfc1123_host_names(string text, bool valid) => Assert.Equal(valid, HostName.IsValid(text));

    [Fact]
    public void Refuses_labels_over_63_characters()
    {
        Assert.True(HostName.IsValid(new string('a', 63) + ".com"));
        Assert.False(HostName.IsValid(new string('a', 64) + ".com"));
    }
}
