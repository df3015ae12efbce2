using Ike.Agent.Control;

namespace Ike.Agent.Tests.Control;

public class BoundedLineReaderTests
{
    private static async Task<List<string>> ReadAll(string text, int max)
    {
        var reader = new BoundedLineReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), max);
        var lines = new List<string>();
        while (true)
        {
            var (status, line) = await reader.ReadLineAsync(CancellationToken.None);
            if (status == LineStatus.End) return lines;
            lines.Add(status == LineStatus.TooLong ? "<too long>" : System.Text.Encoding.UTF8.GetString(line.Span));
            if (status == LineStatus.TooLong) return lines;
        }
    }

    [Fact]
    public async Task Lines_split_on_newlines_with_carriage_returns_dropped_and_a_last_unterminated_line_kept()
    {
        Assert.Equal(["a", "bc", "", "last"], await ReadAll("a\nbc\r\n\nlast", 16));
    }

    [Fact]
    public async Task A_line_of_exactly_the_bound_passes_and_one_byte_more_is_too_long()
    {
        string exact = new('x', 10000);

        Assert.Equal([exact, "next"], await ReadAll(exact + "\nnext\n", 10000));
        Assert.Equal(["<too long>"], await ReadAll(exact + "y\nnext\n", 10000));
    }

    [Fact]
    public async Task An_endless_line_is_cut_off_without_buffering_it()
    {
        var endless = new EndlessStream();
        var reader = new BoundedLineReader(endless, 64 * 1024);

        var (status, _) = await reader.ReadLineAsync(CancellationToken.None);

        Assert.Equal(LineStatus.TooLong, status);
        Assert.True(endless.Served <= 64 * 1024 + 4096, $"read {endless.Served} bytes");
    }

    /// <summary>A client that sends 'x' forever and never a newline.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            Served += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
