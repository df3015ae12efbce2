using System.Text;
using Ipsec.Crypto.Sm;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Sm;

public class Sm3HashTests
{
    // GB/T 32905-2016 Appendix A, examples 1 ("abc") and 2 ("abcd" x 16, 512 bits). OpenSSL 3.0's SM3 gives the same.
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd",
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Hash_matches_gbt32905_appendix_a(string message, string expected)
    {
        Assert.Equal(expected, Hex.Of(Sm3Hash.HashData(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Hash_writes_into_a_span_and_refuses_a_short_one()
    {
        var destination = new byte[40];

        Assert.Equal(32, Sm3Hash.HashData("abc"u8, destination));
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Hex.Of(destination.AsSpan(0, 32)));
        Assert.Throws<ArgumentException>(() => Sm3Hash.HashData("abc"u8, new byte[31]));
    }
}
