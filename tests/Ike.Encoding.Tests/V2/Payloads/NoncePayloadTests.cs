using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class NoncePayloadTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(256)]
    public void Nonces_of_16_to_256_octets_read_and_write_unchanged(int length)
    {
        byte[] body = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        NoncePayload nonce = NoncePayload.Read(body);

        Assert.Equal(body, nonce.Data.ToArray());
        PayloadAssert.WritesAs(nonce, Hex.Format(body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(257)]
    public void Nonces_outside_16_to_256_octets_are_rejected(int length)
    {
        // RFC 7296 §3.9: "The size of the Nonce Data MUST be between 16 and 256 octets, inclusive."
        PayloadAssert.Rejects(b => NoncePayload.Read(b), Hex.Format(new byte[length]), IkeMalformedReason.NonceLengthOutOfRange, 0);
    }

    [Fact]
    public void Writing_a_nonce_that_breaks_the_rule_is_our_bug()
    {
        var tooShort = new NoncePayload(new byte[8]);

        Assert.Throws<ArgumentException>(() => tooShort.Write(new byte[8]));
    }
}
