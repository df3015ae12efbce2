namespace Ipsec.Domain.Tests.Validation;

public class DistinguishedNameTests
{
    [Theory]
    [InlineData("CN=idc,OU=net,O=example,C=CN", "CN", "idc")]
    [InlineData("CN=idc, OU=net, O=example, C=CN", "CN", "idc")]      // OpenSSL-style spaces
    [InlineData("CN=test,OU=test,O=test,C=CHN", "CN", "test")]        // the VPC API's own example
    [InlineData("CN=a\\,b,O=x", "CN", "a,b")]                          // escaped comma
    [InlineData("CN=a+OU=b,C=CN", "OU", "b")]                          // multi-valued RDN
    [InlineData("2.5.4.3=idc", "2.5.4.3", "idc")]                      // dotted OID type
    [InlineData("CN=#0403616263", "CN", "#0403616263")]                // hex-string value
    [InlineData("CN=\\E4\\B8\\AD", "CN", "中")]                        // UTF-8 hex pairs
    [InlineData("CN=北京", "CN", "北京")]
    [InlineData("O=Example Corp,C=CN", "O", "Example Corp")]
    [InlineData("CN=trailing\\ ", "CN", "trailing ")]                  // escaped trailing space is kept
    public void Parses_rfc4514_names(string text, string type, string value)
    {
        Assert.True(DistinguishedName.TryParse(text, out var attributes, out string problem), problem);
        Assert.Contains(new DistinguishedName.Attribute(type, value), attributes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("idc")]
    [InlineData("CN=")]
    [InlineData("=idc")]
    [InlineData("CM=idc")]                 // unknown attribute type: a typo
    [InlineData("CN=a;O=b")]               // ';' separators are RFC 1779, not 4514
    [InlineData("CN=a,")]
    [InlineData("CN=a\\")]
    [InlineData("CN=a\\zz")]
    [InlineData("CN=#abc")]                // odd number of hex digits
    [InlineData("CN=\\FF")]                // not UTF-8
    [InlineData("CN=a=b")]
    [InlineData("CN=\"quoted\"")]
    public void Refuses_malformed_names(string text)
    {
        Assert.False(DistinguishedName.TryParse(text, out _, out string problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Bounds_the_length()
    {
        Assert.True(DistinguishedName.TryParse("CN=" + new string('a', DistinguishedName.MaxLength - 3), out _, out _));
        Assert.False(DistinguishedName.TryParse("CN=" + new string('a', DistinguishedName.MaxLength - 2), out _, out _));
    }
}
