using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

/// <summary>KE (RFC 2408 §3.7), HASH (§3.11), SIG (§3.12) and Nonce (§3.13): bodies that are one opaque field.</summary>
public class OpaquePayloadTests
{
    [Fact]
    public void Key_exchange_data_is_the_whole_body() =>
        IsakmpPayloadAssert.RoundTrips(b => KePayload.Read(b), "0a0b0c0d", new KePayload(new byte[] { 0x0a, 0x0b, 0x0c, 0x0d }));

    [Fact]
    public void Hash_data_is_the_whole_body() =>
        IsakmpPayloadAssert.RoundTrips(b => HashPayload.Read(b), "00112233445566778899aabbccddeeff00112233", new HashPayload(Hex.Parse("00112233445566778899aabbccddeeff00112233")));

    [Fact]
    public void Signature_data_is_the_whole_body() =>
        IsakmpPayloadAssert.RoundTrips(b => SignaturePayload.Read(b), "3045", new SignaturePayload(new byte[] { 0x30, 0x45 }));

    [Theory]
    [InlineData(8)]
    [InlineData(256)]
    public void Nonces_of_8_to_256_octets_are_accepted(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        IsakmpPayloadAssert.RoundTrips(b => NoncePayload.Read(b), Hex.Format(data), new NoncePayload(data));
    }

    public static TheoryData<string, Func<byte[], IsakmpPayload>, string, IkeMalformedReason> Rejected => new()
    {
        { "empty KE", b => KePayload.Read(b), "", IkeMalformedReason.KeyExchangeDataEmpty },
        { "empty HASH", b => HashPayload.Read(b), "", IkeMalformedReason.HashDataEmpty },
        { "empty SIG", b => SignaturePayload.Read(b), "", IkeMalformedReason.SignatureDataEmpty },
        { "nonce of 7 octets (RFC 2409 §5)", b => NoncePayload.Read(b), "00010203040506", IkeMalformedReason.NonceLengthOutOfRange },
        { "nonce of 257 octets", b => NoncePayload.Read(b), new string('a', 514), IkeMalformedReason.NonceLengthOutOfRange },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Empty_or_out_of_range_bodies_are_rejected(string rule, Func<byte[], IsakmpPayload> read, string hex, IkeMalformedReason reason)
    {
        Assert.NotEmpty(rule);
        IsakmpPayloadAssert.Rejects(read, hex, reason, 0);
    }

    [Fact]
    public void Writing_an_empty_hash_or_short_nonce_is_our_bug()
    {
        Assert.Throws<ArgumentException>(() => new HashPayload(ReadOnlyMemory<byte>.Empty).Write([]));
        Assert.Throws<ArgumentException>(() => new NoncePayload(new byte[4]).Write(new byte[4]));
    }
}
