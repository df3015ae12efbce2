namespace Ike.Agent.Control;

/// <summary>What <see cref="BoundedLineReader.ReadLineAsync"/> found.</summary>
public enum LineStatus { Line, TooLong, End }

/// <summary>
/// Reads newline-terminated lines from a stream without ever holding more than <c>maxLineBytes</c> (+1) of one:
/// the buffer starts small and grows only while a line is still arriving. A line that outgrows the bound is reported
/// as <see cref="LineStatus.TooLong"/> and the reader is spent (the caller answers and closes: resynchronising on a
/// stream the peer fills at will is not worth the risk). A trailing "\r" is dropped; a last line without a newline
/// still counts.
/// </summary>
public sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private byte[] buffer = new byte[Math.Min(4096, maxLineBytes + 1)];
    private int start;
    private int end;

    /// <summary>The next line; its memory is valid until the next call.</summary>
    public async ValueTask<(LineStatus Status, ReadOnlyMemory<byte> Line)> ReadLineAsync(CancellationToken ct)
    {
        int searched = start;
        while (true)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', searched, end - searched);
            if (newline >= 0)
            {
                var line = buffer.AsMemory(start, newline - start);
                start = newline + 1;
                return (LineStatus.Line, TrimCarriageReturn(line));
            }
            if (end - start > maxLineBytes) return (LineStatus.TooLong, default);
            searched = end;
            MakeRoom();
            int read = await stream.ReadAsync(buffer.AsMemory(end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (end == start) return (LineStatus.End, default);
                var last = buffer.AsMemory(start, end - start);
                start = end;
                return (LineStatus.Line, TrimCarriageReturn(last));
            }
            end += read;
        }

        void MakeRoom()
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                searched -= start;
                end -= start;
                start = 0;
            }
            if (end == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes + 1L));
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
