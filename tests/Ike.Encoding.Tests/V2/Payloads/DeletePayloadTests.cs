using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class DeletePayloadTests
{
    [Fact]
    public void Deleting_the_ike_sa_has_no_spis()
    {
        // Protocol ID 1 | SPI Size 0 | Num of SPIs 0
        DeletePayload delete = DeletePayload.Read(Hex.Parse("01 00 0000"));

        Assert.Equal(IpsecProtocolId.Ike, delete.ProtocolId);
        Assert.Empty(delete.Spis);
        PayloadAssert.WritesAs(DeletePayload.ForIkeSa(), "01000000");
    }

    [Fact]
    public void Deleting_child_sas_lists_four_octet_spis()
    {
        DeletePayload delete = DeletePayload.Read(Hex.Parse("03 04 0002 | c1a2b3d4 0000abcd"));

        Assert.Equal(IpsecProtocolId.Esp, delete.ProtocolId);
        Assert.Equal([0xc1a2b3d4u, 0x0000abcdu], delete.Spis);
        PayloadAssert.WritesAs(DeletePayload.ForChildSas(IpsecProtocolId.Esp, 0xc1a2b3d4, 0xabcd), "03040002c1a2b3d40000abcd");
    }

    [Theory]
    [InlineData("0100", IkeMalformedReason.PayloadBodyTooShort, 2)]
    [InlineData("01 04 0000", IkeMalformedReason.SpiSizeInvalid, 1)]                  // IKE SA: SPI Size MUST be zero
    [InlineData("01 00 0001", IkeMalformedReason.DeleteSpiCountMismatch, 2)]          // IKE SA: no SPI list
    [InlineData("03 08 0001 | 0102030405060708", IkeMalformedReason.SpiSizeInvalid, 1)] // ESP SPIs are 4 octets
    [InlineData("03 04 0002 | c1a2b3d4", IkeMalformedReason.DeleteSpiCountMismatch, 2)] // announces 2, carries 1
    [InlineData("03 04 0001 | c1a2b3d4 00", IkeMalformedReason.DeleteSpiCountMismatch, 2)] // stray octet
    [InlineData("03 04 ffff", IkeMalformedReason.DeleteSpiCountMismatch, 2)]          // 65535 SPIs announced, none present
    [InlineData("07 00 0000", IkeMalformedReason.DeleteProtocolInvalid, 0)]
    public void Malformed_deletes_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => DeletePayload.Read(b), hex, reason, offset);
}
