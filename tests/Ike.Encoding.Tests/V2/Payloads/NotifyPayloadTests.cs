using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class NotifyPayloadTests
{
    private const string NatHash = "0102030405060708090a0b0c0d0e0f1011121314";

    public static TheoryData<string, IpsecProtocolId, string, NotifyType, string> Vectors => new()
    {
        // Protocol ID | SPI Size | Notify Message Type | SPI | Notification Data
        { "00 00 4004 | " + NatHash, IpsecProtocolId.None, "", NotifyType.NatDetectionSourceIp, NatHash },
        { "00 00 4005 | " + NatHash, IpsecProtocolId.None, "", NotifyType.NatDetectionDestinationIp, NatHash },
        { "03 04 4009 | c1a2b3d4", IpsecProtocolId.Esp, "c1a2b3d4", NotifyType.RekeySa, "" },
        { "00 00 0011 | 000e", IpsecProtocolId.None, "", NotifyType.InvalidKePayload, "000e" },
        { "00 00 0018", IpsecProtocolId.None, "", NotifyType.AuthenticationFailed, "" },
        { "00 00 4006 | 00112233445566778899", IpsecProtocolId.None, "", NotifyType.Cookie, "00112233445566778899" },
        { "00 00 402e", IpsecProtocolId.None, "", NotifyType.Ikev2FragmentationSupported, "" },
        { "00 00 402f | 0002000300040005", IpsecProtocolId.None, "", NotifyType.SignatureHashAlgorithms, "0002000300040005" },
        { "00 00 4001 | 00000010", IpsecProtocolId.None, "", NotifyType.SetWindowSize, "00000010" },
        { "03 04 002c | c1a2b3d4", IpsecProtocolId.Esp, "c1a2b3d4", NotifyType.ChildSaNotFound, "" },
        { "00 00 fffe | 0102", IpsecProtocolId.None, "", (NotifyType)0xfffe, "0102" }, // unknown status type: kept
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reads_and_writes_notifies(string hex, IpsecProtocolId protocol, string spiHex, NotifyType type, string dataHex)
    {
        NotifyPayload notify = NotifyPayload.Read(Hex.Parse(hex));

        Assert.Equal(protocol, notify.ProtocolId);
        Assert.Equal(spiHex, Hex.Format(notify.Spi.Span));
        Assert.Equal(type, notify.NotifyType);
        Assert.Equal(dataHex, Hex.Format(notify.Data.Span));
        PayloadAssert.WritesAs(notify, hex);
    }

    [Fact]
    public void Protocol_id_without_spi_is_ignored_on_receipt_and_sent_as_zero()
    {
        // RFC 7296 §3.10: "If the SPI field is empty, this field MUST be sent as zero and MUST be ignored on receipt."
        NotifyPayload notify = NotifyPayload.Read(Hex.Parse("03 00 4000"));

        Assert.Equal(IpsecProtocolId.None, notify.ProtocolId);
        PayloadAssert.WritesAs(notify, "00004000");
    }

    [Fact]
    public void Factories_and_accessors_agree_with_the_wire_format()
    {
        NotifyPayload invalidKe = NotifyPayload.InvalidKe(14);
        NotifyPayload rekey = NotifyPayload.ForChildSa(NotifyType.RekeySa, IpsecProtocolId.Esp, 0xc1a2b3d4);

        PayloadAssert.WritesAs(invalidKe, "00000011000e");
        PayloadAssert.WritesAs(rekey, "03044009c1a2b3d4");
        Assert.True(invalidKe.TryGetAcceptedDhGroup(out ushort group));
        Assert.Equal(14, group);
        Assert.True(invalidKe.IsError);
        Assert.True(rekey.TryGetChildSpi(out uint spi));
        Assert.Equal(0xc1a2b3d4u, spi);
        Assert.False(rekey.IsError);
    }

    [Theory]
    [InlineData("0300", IkeMalformedReason.PayloadBodyTooShort, 2)]
    [InlineData("03 04 4009 | c1a2b3", IkeMalformedReason.PayloadBodyTooShort, 4)]           // SPI cut short
    [InlineData("03 03 4009 | c1a2b3", IkeMalformedReason.SpiSizeInvalid, 0)]                // ESP SPI is 4 octets
    [InlineData("01 08 4000 | 0102030405060708", IkeMalformedReason.NotifyProtocolInvalid, 0)] // IKE SA notify: SPI Size MUST be zero
    [InlineData("07 04 4000 | 01020304", IkeMalformedReason.NotifyProtocolInvalid, 0)]       // unknown protocol with an SPI
    [InlineData("00 00 0011 | 0e", IkeMalformedReason.NotifyDataInvalid, 4)]                 // INVALID_KE group is 2 octets
    [InlineData("00 00 4006", IkeMalformedReason.NotifyDataInvalid, 4)]                      // COOKIE of 0 octets
    [InlineData("00 00 4004 | 0102", IkeMalformedReason.NotifyDataInvalid, 4)]               // NAT-D hash is 20 octets
    [InlineData("00 00 4009", IkeMalformedReason.NotifyDataInvalid, 4)]                      // REKEY_SA without SPI
    [InlineData("00 00 402f | 000200", IkeMalformedReason.NotifyDataInvalid, 4)]             // odd-length hash list
    [InlineData("00 00 4001 | 0010", IkeMalformedReason.NotifyDataInvalid, 4)]               // window size is 4 octets
    public void Malformed_notifies_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => NotifyPayload.Read(b), hex, reason, offset);

    [Fact]
    public void A_cookie_longer_than_64_octets_is_rejected() =>
        // RFC 7296 §2.6: cookie data "MUST be between 1 and 64 octets in length, inclusive".
        PayloadAssert.Rejects(b => NotifyPayload.Read(b), "00004006" + new string('a', 130), IkeMalformedReason.NotifyDataInvalid, 4);
}
