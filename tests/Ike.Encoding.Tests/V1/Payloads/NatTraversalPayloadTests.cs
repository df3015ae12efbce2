using System.Net;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

/// <summary>NAT-D (RFC 3947 §3.2) and NAT-OA (RFC 3947 §5.1), in their RFC and draft numbering.</summary>
public class NatTraversalPayloadTests
{
    [Fact]
    public void Nat_d_is_the_hash_alone()
    {
        const string Sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

        IsakmpPayloadAssert.RoundTrips(b => NatDiscoveryPayload.Read(IsakmpPayloadType.NatDiscovery, b), Sha1, new NatDiscoveryPayload(Hex.Parse(Sha1)));
        Assert.Equal(
            IsakmpPayloadType.NatDiscoveryDraft,
            NatDiscoveryPayload.Read(IsakmpPayloadType.NatDiscoveryDraft, Hex.Parse(Sha1)).Type);
    }

    [Fact]
    public void An_empty_nat_d_is_rejected() =>
        IsakmpPayloadAssert.Rejects(b => NatDiscoveryPayload.Read(IsakmpPayloadType.NatDiscovery, b), "", IkeMalformedReason.NatDiscoveryDataEmpty, 0);

    [Theory]
    [InlineData("01 000000 c0a8010a", "192.168.1.10")]
    [InlineData("05 000000 20010db8000000000000000000000001", "2001:db8::1")]
    public void Nat_oa_carries_an_id_type_and_the_address(string hex, string address) =>
        IsakmpPayloadAssert.RoundTrips(b => NatOriginalAddressPayload.Read(IsakmpPayloadType.NatOriginalAddress, b), hex, new NatOriginalAddressPayload(IPAddress.Parse(address)));

    [Fact]
    public void Reserved_octets_of_nat_oa_are_ignored_on_receipt()
    {
        NatOriginalAddressPayload oa = NatOriginalAddressPayload.Read(IsakmpPayloadType.NatOriginalAddressDraft, Hex.Parse("01 ffffff c0a8010a"));

        Assert.Equal((IsakmpPayloadType.NatOriginalAddressDraft, IPAddress.Parse("192.168.1.10")), (oa.Type, oa.Address));
        IsakmpPayloadAssert.WritesAs(oa, "01 000000 c0a8010a");
    }

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "cut before the address", "01 0000", IkeMalformedReason.PayloadBodyTooShort, 1 },
        { "ID_FQDN", "02 000000 c0a8010a", IkeMalformedReason.NatOriginalAddressInvalid, 0 },
        { "IPv4 type with 16 octets", "01 000000 20010db8000000000000000000000001", IkeMalformedReason.NatOriginalAddressInvalid, 4 },
        { "IPv6 type with 4 octets", "05 000000 c0a8010a", IkeMalformedReason.NatOriginalAddressInvalid, 4 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_nat_oa_payloads_are_rejected(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        Assert.NotEmpty(rule);
        IsakmpPayloadAssert.Rejects(b => NatOriginalAddressPayload.Read(IsakmpPayloadType.NatOriginalAddress, b), hex, reason, offset);
    }

    [Fact]
    public void Only_the_rfc_and_draft_numbers_make_nat_t_payloads()
    {
        Assert.Throws<ArgumentException>(() => new NatDiscoveryPayload(IsakmpPayloadType.Hash, new byte[20]));
        Assert.Throws<ArgumentException>(() => new NatOriginalAddressPayload(IsakmpPayloadType.NatDiscovery, IPAddress.Loopback));
    }
}
