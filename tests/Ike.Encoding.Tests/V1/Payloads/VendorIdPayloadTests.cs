using System.Security.Cryptography;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class VendorIdPayloadTests
{
    [Fact]
    public void A_vendor_id_is_the_whole_body() =>
        IsakmpPayloadAssert.RoundTrips(b => VendorIdPayload.Read(b), "afcad71368a1f1c96b8696fc77570100", KnownVendorIds.DeadPeerDetection.ToPayload());

    [Theory]
    [InlineData("RFC 3947")]
    [InlineData("draft-ietf-ipsec-nat-t-ike-02")]
    [InlineData("draft-ietf-ipsec-nat-t-ike-02\n")]
    [InlineData("draft-ietf-ipsec-nat-t-ike-03")]
    [InlineData("strongSwan")]
    public void Hash_derived_vendor_ids_are_the_md5_of_their_names(string name)
    {
        // RFC 3947 §3.1 and the drafts: the vendor ID is MD5 of the string; strongSwan's is MD5("strongSwan").
        byte[] md5 = MD5.HashData(System.Text.Encoding.ASCII.GetBytes(name));

        KnownVendorId? known = KnownVendorIds.Identify(md5);

        Assert.NotNull(known);
        Assert.Equal(Hex.Format(md5), Hex.Format(known.Bytes.Span));
    }

    [Fact]
    public void The_dpd_vendor_id_ends_with_version_1_0() =>
        Assert.Equal([0x01, 0x00], KnownVendorIds.DeadPeerDetection.Bytes.Span[^2..].ToArray());

    [Fact]
    public void Prefix_ids_match_the_versions_and_flags_their_senders_append()
    {
        Assert.Equal(KnownVendorIds.Fragmentation, KnownVendorIds.Identify(Hex.Parse("4048b7d56ebce88525e7de7f00d6c2d3 80000000")));
        Assert.Equal(KnownVendorIds.Libreswan, KnownVendorIds.Identify("OE-Libreswan-4.10"u8));
        Assert.Null(KnownVendorIds.Identify("OE-Libre"u8));
        Assert.Null(KnownVendorIds.Identify(Hex.Parse("afcad71368a1f1c96b8696fc77570101")));
    }

    [Fact]
    public void Draft_nat_t_ids_are_the_ones_that_use_the_draft_numbers()
    {
        Assert.True(KnownVendorIds.UsesDraftNatTraversalNumbers(KnownVendorIds.NatTraversalDraft02N));
        Assert.True(KnownVendorIds.UsesDraftNatTraversalNumbers(KnownVendorIds.NatTraversalDraft03));
        Assert.False(KnownVendorIds.UsesDraftNatTraversalNumbers(KnownVendorIds.NatTraversalRfc3947));
    }

    [Fact]
    public void Every_known_id_is_listed_once() =>
        Assert.Equal(KnownVendorIds.All.Count, KnownVendorIds.All.Select(id => Hex.Format(id.Bytes.Span)).Distinct().Count());
}
