using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class KePayloadTests
{
    [Fact]
    public void Reads_group_and_public_value()
    {
        // DH Group Num 14 (MODP_2048) | RESERVED | Key Exchange Data
        KePayload ke = KePayload.Read(Hex.Parse("000e 0000 | aabbccdd"));

        Assert.Equal(14, ke.DhGroup);
        Assert.Equal("aabbccdd", Hex.Format(ke.KeyExchangeData.Span));
        PayloadAssert.WritesAs(ke, "000e0000aabbccdd");
    }

    [Fact]
    public void Reserved_octets_are_ignored_on_receipt_and_sent_as_zero()
    {
        KePayload ke = KePayload.Read(Hex.Parse("0013 ffff | 01"));

        Assert.Equal(19, ke.DhGroup);
        PayloadAssert.WritesAs(ke, "0013000001");
    }

    [Theory]
    [InlineData("", IkeMalformedReason.PayloadBodyTooShort, 0)]
    [InlineData("000e00", IkeMalformedReason.PayloadBodyTooShort, 2)]
    [InlineData("000e0000", IkeMalformedReason.KeyExchangeDataEmpty, 4)]
    public void Malformed_bodies_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => KePayload.Read(b), hex, reason, offset);
}
