using System.Net;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class TrafficSelectorPayloadTests
{
    // TS Type 7 | IP Protocol 0 | Selector Length 16 | ports 0..65535 | 192.0.2.0 .. 192.0.2.255
    private const string Ipv4Subnet = "07 00 0010 | 0000 ffff | c0000200 | c00002ff";

    // TS Type 8 | TCP (6) | Selector Length 40 | port 443 only | 2001:db8:: .. 2001:db8::ffff
    private const string Ipv6Https = "08 06 0028 | 01bb 01bb | 20010db8000000000000000000000000 | 20010db800000000000000000000ffff";

    [Fact]
    public void Reads_an_ipv4_range()
    {
        TrafficSelectorPayload ts = TrafficSelectorPayload.Read(PayloadType.TrafficSelectorInitiator, Hex.Parse("01 000000 | " + Ipv4Subnet));

        TrafficSelector selector = Assert.Single(ts.Selectors);
        Assert.Equal(
            new TrafficSelector(TrafficSelectorType.Ipv4AddressRange, 0, 0, 65535, IPAddress.Parse("192.0.2.0"), IPAddress.Parse("192.0.2.255")),
            selector);
        PayloadAssert.WritesAs(ts, "01000000" + Ipv4Subnet);
    }

    [Fact]
    public void Reads_several_selectors_of_both_families()
    {
        TrafficSelectorPayload ts = TrafficSelectorPayload.Read(
            PayloadType.TrafficSelectorResponder, Hex.Parse("02 000000 | " + Ipv4Subnet + Ipv6Https));

        Assert.Equal(2, ts.Selectors.Count);
        Assert.Equal(
            TrafficSelector.ForRange(IPAddress.Parse("2001:db8::"), IPAddress.Parse("2001:db8::ffff"), ipProtocolId: 6, startPort: 443, endPort: 443),
            ts.Selectors[1]);
        PayloadAssert.WritesAs(ts, "02000000" + Ipv4Subnet + Ipv6Https);
    }

    [Fact]
    public void Opaque_ports_are_the_one_allowed_inverted_port_range()
    {
        // RFC 7296 §3.13.1: Start Port 65535 and End Port 0 select OPAQUE ports.
        const string Opaque = "07 11 0010 | ffff 0000 | c0000201 | c0000201";
        TrafficSelectorPayload ts = TrafficSelectorPayload.Read(PayloadType.TrafficSelectorInitiator, Hex.Parse("01000000" + Opaque));

        Assert.Equal(65535, ts.Selectors[0].StartPort);
        Assert.Equal(0, ts.Selectors[0].EndPort);
    }

    [Theory]
    [InlineData("0100", IkeMalformedReason.PayloadBodyTooShort, 1)]
    [InlineData("00 000000", IkeMalformedReason.TrafficSelectorCountInvalid, 0)]                                    // no selector
    [InlineData("02 000000 | 07000010 0000ffff c0000200 c00002ff", IkeMalformedReason.TrafficSelectorCountInvalid, 0)] // announces 2, carries 1
    [InlineData("01 000000 | 07000010 0000ffff c0000200 c00002ff | 00000000", IkeMalformedReason.TrafficSelectorCountInvalid, 20)] // stray octets
    [InlineData("01 000000 | 07000011 0000ffff c0000200 c00002ff 00", IkeMalformedReason.TrafficSelectorLengthInvalid, 6)] // IPv4 length 17
    [InlineData("01 000000 | 07000028 0000ffff c0000200 c00002ff", IkeMalformedReason.TrafficSelectorLengthInvalid, 6)]    // IPv4 with IPv6 length
    [InlineData("01 000000 | 08000010 0000ffff c0000200 c00002ff", IkeMalformedReason.TrafficSelectorLengthInvalid, 6)]    // IPv6 with IPv4 length
    [InlineData("01 000000 | 07000010 0000ffff c0000200", IkeMalformedReason.TrafficSelectorLengthInvalid, 16)]            // end address missing
    [InlineData("01 000000 | 0700", IkeMalformedReason.TrafficSelectorLengthInvalid, 6)]                                   // selector header cut
    [InlineData("01 000000 | 09000010 0000ffff c0000200 c00002ff", IkeMalformedReason.TrafficSelectorTypeUnsupported, 4)]  // TS type 9
    [InlineData("01 000000 | 07060010 0050 0016 c0000200 c00002ff", IkeMalformedReason.TrafficSelectorRangeInverted, 8)]   // ports 80..22
    [InlineData("01 000000 | 07000010 0000ffff c00002ff c0000200", IkeMalformedReason.TrafficSelectorRangeInverted, 12)]   // addresses inverted
    public void Malformed_selectors_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => TrafficSelectorPayload.Read(PayloadType.TrafficSelectorInitiator, b), hex, reason, offset);

    [Fact]
    public void More_selectors_than_the_cap_are_rejected_before_reading_them()
    {
        string hex = "21 000000" + string.Concat(Enumerable.Repeat("07000010 0000ffff c0000200 c00002ff", 33));

        PayloadAssert.Rejects(b => TrafficSelectorPayload.Read(PayloadType.TrafficSelectorInitiator, b), hex, IkeMalformedReason.TooManyTrafficSelectors, 0);
    }

    [Fact]
    public void Building_a_selector_with_the_wrong_address_family_is_our_bug()
    {
        var mixed = new TrafficSelector(TrafficSelectorType.Ipv4AddressRange, 0, 0, 65535, IPAddress.Parse("::1"), IPAddress.Parse("::1"));
        var ts = new TrafficSelectorPayload(PayloadType.TrafficSelectorInitiator, [mixed]);

        Assert.Throws<ArgumentException>(() => ts.Write(new byte[ts.GetEncodedLength()]));
    }
}
