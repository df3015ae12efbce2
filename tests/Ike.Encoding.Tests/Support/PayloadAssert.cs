using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.Support;

internal static class PayloadAssert
{
    /// <summary>Writes the payload body and checks it against the expected hex.</summary>
    public static void WritesAs(IkePayload payload, string expectedHex)
    {
        byte[] expected = Hex.Parse(expectedHex);
        Assert.Equal(expected.Length, payload.GetEncodedLength());
        var written = new byte[payload.GetEncodedLength()];
        payload.Write(written);
        Assert.Equal(Hex.Format(expected), Hex.Format(written));
    }

    /// <summary>Runs a reader that must reject the bytes, and checks the reason and the offset.</summary>
    public static void Rejects(Func<byte[], IkePayload> read, string hex, IkeMalformedReason reason, int offset)
    {
        byte[] body = Hex.Parse(hex);
        var error = Assert.Throws<IkeMalformedException>(() => read(body));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }
}
