using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class DeletePayloadTests
{
    [Fact]
    public void Deleting_the_isakmp_sa_names_it_by_its_cookie_pair()
    {
        // RFC 2408 §3.15: DOI 1 | PROTO_ISAKMP | SPI size 16 | 1 SPI | CKY-I CKY-R.
        const string Hex = "00000001 01 10 0001 0102030405060708 1112131415161718";
        DeletePayload delete = DeletePayload.ForIsakmpSa(0x0102030405060708, 0x1112131415161718);

        IsakmpPayloadAssert.RoundTrips(b => DeletePayload.Read(b), Hex, delete);

        Assert.True(delete.TryGetCookies(out ulong initiator, out ulong responder));
        Assert.Equal((0x0102030405060708ul, 0x1112131415161718ul), (initiator, responder));
        Assert.Empty(delete.GetIpsecSpis());
    }

    [Fact]
    public void Deleting_esp_sas_lists_their_four_octet_spis()
    {
        const string Hex = "00000001 03 04 0002 c0ffee01 c0ffee02";
        DeletePayload delete = DeletePayload.ForIpsecSas(IpsecProtocolId.Esp, 0xc0ffee01, 0xc0ffee02);

        IsakmpPayloadAssert.RoundTrips(b => DeletePayload.Read(b), Hex, delete);

        Assert.Equal([0xc0ffee01u, 0xc0ffee02u], delete.GetIpsecSpis());
        Assert.Equal(4, delete.SpiSize);
    }

    [Fact]
    public void An_ipcomp_delete_carries_two_octet_cpis() =>
        IsakmpPayloadAssert.RoundTrips(
            b => DeletePayload.Read(b), "00000001 04 02 0001 1234",
            new DeletePayload(DomainOfInterpretation.Ipsec, ProposalPayload.IpComp, [new byte[] { 0x12, 0x34 }]));

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "body cut", "00000001 03 04 00", IkeMalformedReason.PayloadBodyTooShort, 6 },
        { "DOI 9", "00000009 03 04 0001 c0ffee01", IkeMalformedReason.DoiNotSupported, 0 },
        { "unknown protocol", "00000001 09 04 0001 c0ffee01", IkeMalformedReason.DeleteProtocolInvalid, 4 },
        { "ISAKMP SPI of 8 octets", "00000001 01 08 0001 0102030405060708", IkeMalformedReason.SpiSizeInvalid, 5 },
        { "ESP SPI of 2 octets", "00000001 03 02 0001 c0ff", IkeMalformedReason.SpiSizeInvalid, 5 },
        { "no SPIs", "00000001 03 04 0000", IkeMalformedReason.DeleteSpiCountMismatch, 6 },
        { "more SPIs announced than present", "00000001 03 04 0003 c0ffee01 c0ffee02", IkeMalformedReason.DeleteSpiCountMismatch, 6 },
        { "octets after the SPIs", "00000001 03 04 0001 c0ffee01 00", IkeMalformedReason.DeleteSpiCountMismatch, 6 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_deletes_are_rejected(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        Assert.NotEmpty(rule);
        IsakmpPayloadAssert.Rejects(b => DeletePayload.Read(b), hex, reason, offset);
    }

    [Fact]
    public void Writing_a_delete_with_mixed_spi_sizes_is_our_bug()
    {
        var mixed = new DeletePayload(DomainOfInterpretation.Ipsec, IpsecProtocolId.Esp, [new byte[4], new byte[2]]);

        Assert.Throws<ArgumentException>(() => mixed.Write(new byte[64]));
    }
}
