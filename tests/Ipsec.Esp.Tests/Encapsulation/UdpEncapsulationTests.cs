using Ipsec.Esp.Encapsulation;
using Ipsec.Esp.Tests.TestSupport;

namespace Ipsec.Esp.Tests.Encapsulation;

public class UdpEncapsulationTests
{
    private const string IkeHeader = "0011223344556677 0000000000000000 21202208 00000000 0000001c";

    [Theory]
    [InlineData("keepalive", "ff", UdpPayloadKind.NatKeepalive)]
    [InlineData("empty", "", UdpPayloadKind.Malformed)]
    [InlineData("one other byte", "00", UdpPayloadKind.Malformed)]
    [InlineData("three bytes", "ffffff", UdpPayloadKind.Malformed)]
    [InlineData("marker only", "00000000", UdpPayloadKind.Malformed)]
    [InlineData("marker and short IKE header", "00000000 0011223344556677", UdpPayloadKind.Malformed)]
    [InlineData("marker and IKE header", "00000000 " + IkeHeader, UdpPayloadKind.Ike)]
    [InlineData("ESP header only", "00004321 00000001", UdpPayloadKind.Esp)]
    [InlineData("ESP with SPI high byte only", "01000000 00000001 aabbccdd", UdpPayloadKind.Esp)]
    [InlineData("SPI without sequence number", "00004321 0000", UdpPayloadKind.Malformed)]
    [InlineData("two keepalive bytes", "ffff", UdpPayloadKind.Malformed)]
    public void Classify(string name, string hex, UdpPayloadKind expected)
    {
        _ = name;
        Assert.Equal(expected, UdpEncapsulation.Classify(Hex.Parse(hex)));
    }

    [Fact]
    public void Ike_message_round_trips_through_the_non_esp_marker()
    {
        var ike = Hex.Parse(IkeHeader);

        var framed = UdpEncapsulation.FrameIkeMessage(ike);

        Assert.Equal("00000000" + Hex.Of(ike), Hex.Of(framed));
        Assert.True(UdpEncapsulation.TryGetIkeMessage(framed, out var unframed));
        Assert.Equal(ike, unframed.ToArray());
        Assert.False(UdpEncapsulation.TryGetIkeMessage(Hex.Parse("00004321 00000001"), out _));
    }

    [Fact]
    public void Keepalive_is_the_single_ff_byte_and_the_port_is_4500()
    {
        Assert.Equal([0xFF], UdpEncapsulation.NatKeepalive.ToArray());
        Assert.Equal(UdpPayloadKind.NatKeepalive, UdpEncapsulation.Classify(UdpEncapsulation.NatKeepalive));
        Assert.Equal(4500, UdpEncapsulation.Port);
    }
}
