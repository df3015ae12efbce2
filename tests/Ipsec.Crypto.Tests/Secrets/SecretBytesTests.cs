using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.Tests.Secrets;

public class SecretBytesTests
{
    [Fact]
    public void Dispose_zeroes_the_buffer_and_blocks_further_reads()
    {
        var secret = SecretBytes.CopyOf([1, 2, 3, 4]);
        var view = secret.WritableSpan;

        secret.Dispose();

        Assert.True(view.SequenceEqual(new byte[4]));
        Assert.Throws<ObjectDisposedException>(() => secret.Span.Length);
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        using var secret = SecretBytes.CopyOf([0xde, 0xad, 0xbe, 0xef]);

        Assert.Equal("SecretBytes(4 bytes)", secret.ToString());
    }
}
