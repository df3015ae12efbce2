namespace Ipsec.Domain.Tests.Validation;

public class AsNumberTests
{
    [Theory]
    [InlineData("1", 1L)]
    [InlineData("45104", 45104L)]
    [InlineData("4294967295", 4294967295L)]
    [InlineData("1.10", 65546L)]              // asdot: 1 * 65536 + 10 (RFC 5396)
    [InlineData("123.456", 8061384L)]
    [InlineData("0.1", 1L)]
    [InlineData("65535.65535", 4294967295L)]
    public void Accepts_asplain_and_asdot(string text, long expected)
    {
        Assert.True(AsNumber.TryParse(text, out long asn));
        Assert.Equal(expected, asn);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("4294967296")]
    [InlineData("65536.0")]
    [InlineData("1.65536")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1.2.3")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("AS65000")]
    [InlineData("99999999999")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_everything_else(string? text) => Assert.False(AsNumber.TryParse(text, out _));
}
