using System.Net;
using Ipsec.Esp.Packets;
using Ipsec.Esp.Tests.TestSupport;

namespace Ipsec.Esp.Tests.Packets;

public class PacketTests
{
    // The inner packet of RFC 3602 §4 case #7: a real ICMP echo request from 192.168.123.3 to 192.168.123.200 with its
    // IPv4 header checksum (f988) and ICMP checksum (9f76) as captured.
    private const string Rfc3602Case7Inner =
        "45000054090400004001f988c0a87b03c0a87bc8" +
        "08009f76a90a0100b49c083d02a2040008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637";

    private static readonly IPAddress Sip = IPAddress.Parse("192.168.123.3");
    private static readonly IPAddress Dip = IPAddress.Parse("192.168.123.200");

    [Fact]
    public void Checksum_matches_the_rfc1071_example()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
        Assert.Equal(0x220d, InternetChecksum.Compute(Hex.Parse("0001f203f4f5f6f7")));
        Assert.True(InternetChecksum.IsValid(Hex.Parse("0001f203f4f5f6f7 220d")));
    }

    [Fact]
    public void Checksum_pads_an_odd_last_byte_with_zero()
    {
        // abcd + 1200 = bdcd, complement 4232 (RFC 1071 §4.1: the odd byte is the high half of a zero-padded word).
        Assert.Equal(0x4232, InternetChecksum.Compute(Hex.Parse("abcd12")));
        Assert.Equal(InternetChecksum.Compute(Hex.Parse("abcd1200")), InternetChecksum.Compute(Hex.Parse("abcd12")));
    }

    [Fact]
    public void Probe_request_rebuilds_the_captured_rfc3602_packet_byte_for_byte()
    {
        var data = Hex.Parse(Rfc3602Case7Inner)[28..];

        var packet = IcmpEchoProbe.BuildRequest(Sip, Dip, identifier: 0xa90a, sequenceNumber: 0x0100, data, ipIdentification: 0x0904);

        Assert.Equal(Rfc3602Case7Inner, Hex.Of(packet));
    }

    [Fact]
    public void Captured_packet_parses_with_both_checksums_valid()
    {
        Assert.Equal(Ipv4ParseStatus.Success, Ipv4Packet.TryParse(Hex.Parse(Rfc3602Case7Inner), out var ip));
        Assert.Equal(Sip, ip!.Source);
        Assert.Equal(Dip, ip.Destination);
        Assert.Equal(IpProtocol.Icmp, ip.Protocol);
        Assert.Equal(64, ip.TimeToLive);
        Assert.Equal(0x0904, ip.Identification);

        Assert.Equal(IcmpParseStatus.Success, IcmpEcho.TryParse(ip.Payload.Span, out var echo));
        Assert.Equal(IcmpEchoType.EchoRequest, echo!.Type);
        Assert.Equal(0xa90a, echo.Identifier);
        Assert.Equal(0x0100, echo.SequenceNumber);
        Assert.Equal(56, echo.Data.Length);
    }

    [Theory]
    [InlineData("too short", "450000140000000040010000c0a87b03c0a87b", Ipv4ParseStatus.TooShort)]
    [InlineData("version 6", "650000140000000040010000c0a87b03c0a87bc8", Ipv4ParseStatus.NotIpv4)]
    [InlineData("IHL 4", "440000140000000040010000c0a87b03c0a87bc8", Ipv4ParseStatus.BadHeaderLength)]
    [InlineData("IHL beyond data", "460000180000000040010000c0a87b03c0a87bc8", Ipv4ParseStatus.TooShort)]
    [InlineData("total length beyond data", "450000540000000040010000c0a87b03c0a87bc8", Ipv4ParseStatus.BadTotalLength)]
    [InlineData("total length inside header", "450000100000000040010000c0a87b03c0a87bc8", Ipv4ParseStatus.BadTotalLength)]
    [InlineData("bad checksum", "450000140000000040010000c0a87b03c0a87bc8", Ipv4ParseStatus.BadChecksum)]
    [InlineData("more fragments", "45000014000020004001e2ccc0a87b03c0a87bc8", Ipv4ParseStatus.Fragment)]
    [InlineData("fragment offset", "4500001400000001400102ccc0a87b03c0a87bc8", Ipv4ParseStatus.Fragment)]
    public void Ipv4_parse_failures(string name, string hex, Ipv4ParseStatus expected)
    {
        _ = name;
        Assert.Equal(expected, Ipv4Packet.TryParse(Hex.Parse(hex), out var packet));
        Assert.Null(packet);
    }

    [Theory]
    [InlineData("too short", "0800f7ff0000", IcmpParseStatus.TooShort)]
    [InlineData("bad checksum", "0800000000010001", IcmpParseStatus.BadChecksum)]
    [InlineData("destination unreachable", "0301fcfe00000000", IcmpParseStatus.NotEcho)]
    [InlineData("echo with code 1", "0801f7fc00010001", IcmpParseStatus.NotEcho)]
    public void Icmp_parse_failures(string name, string hex, IcmpParseStatus expected)
    {
        _ = name;
        Assert.Equal(expected, IcmpEcho.TryParse(Hex.Parse(hex), out var echo));
        Assert.Null(echo);
    }

    [Fact]
    public void Built_packets_parse_back()
    {
        var payload = new byte[] { 1, 2, 3 };
        var bytes = new Ipv4Packet(Sip, Dip, IpProtocol.Udp, payload) { TimeToLive = 7, DontFragment = true, Identification = 42 }.ToBytes();

        Assert.Equal(Ipv4ParseStatus.Success, Ipv4Packet.TryParse(bytes, out var parsed));
        Assert.Equal(payload, parsed!.Payload.ToArray());
        Assert.True(parsed.DontFragment);
        Assert.Equal(7, parsed.TimeToLive);
        Assert.Equal(42, parsed.Identification);
        Assert.Throws<ArgumentException>(() => new Ipv4Packet(IPAddress.IPv6Loopback, Dip, 1, payload));
    }

    [Fact]
    public void Probe_recognises_only_its_own_reply()
    {
        var data = new byte[] { 0xde, 0xad };
        var reply = BuildReply(source: Dip, destination: Sip, identifier: 7, sequenceNumber: 3, data);

        Assert.True(IcmpEchoProbe.IsMatchingReply(reply, Sip, Dip, 7, 3));
        Assert.False(IcmpEchoProbe.IsMatchingReply(reply, Sip, Dip, 7, 4)); // another probe's sequence number
        Assert.False(IcmpEchoProbe.IsMatchingReply(reply, Sip, Dip, 8, 3)); // another probe's identifier
        Assert.False(IcmpEchoProbe.IsMatchingReply(reply, Dip, Sip, 7, 3)); // addresses the wrong way round
        Assert.False(IcmpEchoProbe.IsMatchingReply(IcmpEchoProbe.BuildRequest(Dip, Sip, 7, 3, data), Sip, Dip, 7, 3)); // a request

        var damaged = (byte[])reply.Clone();
        damaged[^1] ^= 0xFF; // ICMP checksum no longer verifies
        Assert.False(IcmpEchoProbe.IsMatchingReply(damaged, Sip, Dip, 7, 3));
        Assert.False(IcmpEchoProbe.IsMatchingReply(reply.AsSpan(0, 10), Sip, Dip, 7, 3));
    }

    private static byte[] BuildReply(IPAddress source, IPAddress destination, ushort identifier, ushort sequenceNumber, byte[] data)
    {
        var echo = new IcmpEcho(IcmpEchoType.EchoReply, identifier, sequenceNumber, data).ToBytes();
        return new Ipv4Packet(source, destination, IpProtocol.Icmp, echo).ToBytes();
    }
}
