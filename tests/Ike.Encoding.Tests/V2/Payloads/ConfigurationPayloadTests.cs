using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class ConfigurationPayloadTests
{
    [Fact]
    public void A_request_asks_for_attributes_with_empty_values()
    {
        // CFG_REQUEST | RESERVED | INTERNAL_IP4_ADDRESS len 0 | INTERNAL_IP4_DNS len 0
        ConfigurationPayload cp = ConfigurationPayload.Read(Hex.Parse("01 000000 | 0001 0000 | 0003 0000"));

        Assert.Equal(ConfigurationType.Request, cp.ConfigurationType);
        Assert.Equal(
            [new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Address, ReadOnlyMemory<byte>.Empty),
             new ConfigurationAttribute(ConfigurationAttributeType.InternalIp4Dns, ReadOnlyMemory<byte>.Empty)],
            cp.Attributes);
        PayloadAssert.WritesAs(cp, "01000000 00010000 00030000");
    }

    [Fact]
    public void A_reply_carries_values_and_the_reserved_bit_is_ignored_on_receipt()
    {
        ConfigurationPayload cp = ConfigurationPayload.Read(Hex.Parse("02 000000 | 8001 0004 0a000001"));

        ConfigurationAttribute attribute = Assert.Single(cp.Attributes);
        Assert.Equal((ushort)ConfigurationAttributeType.InternalIp4Address, attribute.AttributeType);
        Assert.Equal("0a000001", Hex.Format(attribute.Value.Span));
        PayloadAssert.WritesAs(cp, "02000000 0001 0004 0a000001");
    }

    [Theory]
    [InlineData("0100", IkeMalformedReason.PayloadBodyTooShort, 1)]
    [InlineData("01 000000 | 0001", IkeMalformedReason.ConfigurationAttributeTruncated, 6)]
    [InlineData("02 000000 | 0001 0004 0a00", IkeMalformedReason.ConfigurationAttributeTruncated, 8)]
    public void Malformed_configuration_payloads_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => ConfigurationPayload.Read(b), hex, reason, offset);

    [Fact]
    public void More_attributes_than_the_cap_are_rejected()
    {
        string hex = "01000000" + string.Concat(Enumerable.Repeat("00010000", 65));

        PayloadAssert.Rejects(b => ConfigurationPayload.Read(b), hex, IkeMalformedReason.TooManyConfigurationAttributes, 4 + (64 * 4));
    }
}
