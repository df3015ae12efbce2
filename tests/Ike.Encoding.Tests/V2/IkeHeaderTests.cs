using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;

namespace Ike.Encoding.Tests.V2;

public class IkeHeaderTests
{
    // SPIi | SPIr | Next Payload SA (33) | MjVer 2 MnVer 0 | IKE_SA_INIT (34) | Flags I (0x08) | Message ID 0 | Length 0x1d0
    private const string Vector = "d26f3d81848cd3c3 | 0000000000000000 | 21 | 20 | 22 | 08 | 00000000 | 000001d0";

    [Fact]
    public void Reads_every_field()
    {
        IkeHeader header = IkeHeader.Read(Hex.Parse(Vector));

        Assert.Equal(
            new IkeHeader(0xd26f3d81848cd3c3, 0, PayloadType.SecurityAssociation, 2, 0, ExchangeType.IkeSaInit,
                IkeHeaderFlags.Initiator, 0, 0x1d0),
            header);
        Assert.True(header.IsFromOriginalInitiator);
        Assert.False(header.IsResponse);
    }

    [Fact]
    public void Writes_the_same_octets()
    {
        var written = new byte[IkeHeader.Size];
        IkeHeader.Read(Hex.Parse(Vector)).Write(written);

        Assert.Equal(Hex.Format(Hex.Parse(Vector)), Hex.Format(written));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public void Fewer_than_28_octets_are_a_truncated_header(int length)
    {
        Assert.False(IkeHeader.TryRead(new byte[length], out _));
        var error = Assert.Throws<IkeMalformedException>(() => IkeHeader.Read(new byte[length]));
        Assert.Equal(IkeMalformedReason.TruncatedHeader, error.Reason);
    }

    [Theory]
    [InlineData("20", 2)]
    [InlineData("10", 1)]
    [InlineData("31", 3)]
    public void The_version_probe_reads_the_major_version_shared_by_ikev1_and_ikev2(string versionOctet, byte major)
    {
        byte[] datagram = Hex.Parse("d26f3d81848cd3c3 0000000000000000 21" + versionOctet + "2208");

        Assert.True(IkeVersionProbe.TryPeekMajorVersion(datagram, out byte peeked));
        Assert.Equal(major, peeked);
    }
}
