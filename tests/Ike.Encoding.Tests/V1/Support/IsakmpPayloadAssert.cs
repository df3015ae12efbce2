using Ike.Encoding.Tests.Support;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Support;

internal static class IsakmpPayloadAssert
{
    /// <summary>Writes the payload body and checks it against the expected hex.</summary>
    public static void WritesAs(IsakmpPayload payload, string expectedHex)
    {
        byte[] expected = Hex.Parse(expectedHex);
        Assert.Equal(expected.Length, payload.GetEncodedLength());
        var written = new byte[payload.GetEncodedLength()];
        payload.Write(written);
        Assert.Equal(Hex.Format(expected), Hex.Format(written));
    }

    /// <summary>Reads the body, checks it equals <paramref name="expected"/>, and writes it back to the same octets.</summary>
    public static void RoundTrips(Func<byte[], IsakmpPayload> read, string hex, IsakmpPayload expected)
    {
        IsakmpPayload decoded = read(Hex.Parse(hex));
        Assert.Equal(expected, decoded);
        WritesAs(decoded, hex);
    }

    /// <summary>Runs a reader that must reject the bytes, and checks the reason and the offset.</summary>
    public static void Rejects(Func<byte[], IsakmpPayload> read, string hex, IkeMalformedReason reason, int offset)
    {
        byte[] body = Hex.Parse(hex);
        var error = Assert.Throws<IkeMalformedException>(() => read(body));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }
}
