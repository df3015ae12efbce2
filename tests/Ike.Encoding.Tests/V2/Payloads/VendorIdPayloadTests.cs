using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class VendorIdPayloadTests
{
    [Theory]
    [InlineData("")]
    [InlineData("882fe56d6fd20dbc2251613b2ebe5beb")] // MD5("strongSwan")-style 16-octet vendor ID
    public void Vendor_ids_are_opaque(string hex)
    {
        VendorIdPayload vendor = VendorIdPayload.Read(Hex.Parse(hex));

        Assert.Equal(hex, Hex.Format(vendor.VendorId.Span));
        PayloadAssert.WritesAs(vendor, hex);
    }
}
