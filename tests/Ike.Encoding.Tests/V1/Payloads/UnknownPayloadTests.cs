using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class UnknownPayloadTests
{
    [Fact]
    public void A_private_use_payload_keeps_its_body() =>
        IsakmpPayloadAssert.WritesAs(new UnknownPayload((IsakmpPayloadType)132, new byte[] { 0xde, 0xad }), "dead");

    [Theory]
    [InlineData(IsakmpPayloadType.Hash)]                     // known: has its own type
    [InlineData((IsakmpPayloadType)14)]                      // reserved: INVALID-PAYLOAD-TYPE, never kept
    [InlineData(IsakmpPayloadType.NatDiscoveryDraft)]        // private, but parsed as NAT-D
    public void Only_unparsed_private_use_types_are_kept_opaque(IsakmpPayloadType type) =>
        Assert.Throws<ArgumentException>(() => new UnknownPayload(type, ReadOnlyMemory<byte>.Empty));
}
