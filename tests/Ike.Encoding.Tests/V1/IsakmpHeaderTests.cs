using Ike.Encoding.Tests.Support;
using Ike.Encoding.V1;

namespace Ike.Encoding.Tests.V1;

public class IsakmpHeaderTests
{
    // RFC 2408 §3.1: cookies, Next Payload SA (1), version 1.0, Identity Protection (2), E|C flags, M-ID, Length 0x1c.
    private const string Header = "0102030405060708 a1a2a3a4a5a6a7a8 01 10 02 03 deadbeef 0000001c";

    [Fact]
    public void Reads_every_field_of_the_rfc_2408_header()
    {
        IsakmpHeader header = IsakmpHeader.Read(Hex.Parse(Header));

        Assert.Equal(
            new IsakmpHeader(0x0102030405060708, 0xa1a2a3a4a5a6a7a8, IsakmpPayloadType.SecurityAssociation, 1, 0,
                IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.Encryption | IsakmpHeaderFlags.Commit, 0xdeadbeef, 0x1c),
            header);
        Assert.True(header.IsEncrypted);
    }

    [Fact]
    public void Writes_the_same_octets()
    {
        var written = new byte[IsakmpHeader.Size];

        IsakmpHeader.Read(Hex.Parse(Header)).Write(written);

        Assert.Equal(Hex.Format(Hex.Parse(Header)), Hex.Format(written));
    }

    [Fact]
    public void A_short_datagram_has_no_header()
    {
        Assert.False(IsakmpHeader.TryRead(new byte[27], out _));
        var error = Assert.Throws<IkeMalformedException>(() => IsakmpHeader.Read(new byte[27]));
        Assert.Equal((IkeMalformedReason.TruncatedHeader, 27), (error.Reason, error.Offset));
    }

    [Fact]
    public void The_version_probe_sends_isakmp_datagrams_to_this_codec()
    {
        Assert.True(IkeVersionProbe.TryPeekMajorVersion(Hex.Parse(Header), out byte major));
        Assert.Equal((byte)IkeVersion.V1, major);
    }

    [Theory]
    [InlineData(IsakmpExchangeType.IdentityProtection, true)]
    [InlineData(IsakmpExchangeType.QuickMode, true)]
    [InlineData(IsakmpExchangeType.NewGroupMode, true)]
    [InlineData(IsakmpExchangeType.None, false)]
    [InlineData((IsakmpExchangeType)6, false)]
    [InlineData((IsakmpExchangeType)34, false)]
    public void Only_rfc_2408_and_rfc_2409_exchange_types_are_defined(IsakmpExchangeType type, bool defined) =>
        Assert.Equal(defined, IsakmpExchangeTypes.IsDefined(type));
}
