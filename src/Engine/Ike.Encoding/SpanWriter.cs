using System.Buffers.Binary;

namespace Ike.Encoding;

/// <summary>Big-endian cursor over a destination buffer that we size ourselves.</summary>
/// <remarks>
/// Running out of room means our own length computation was wrong, so it is an
/// <see cref="ArgumentException"/>, never an <see cref="IkeMalformedException"/>.
/// </remarks>
public ref struct SpanWriter
{
    private readonly Span<byte> _destination;

    public SpanWriter(Span<byte> destination)
    {
        _destination = destination;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _destination.Length - Position;

    public void WriteByte(byte value)
    {
        Require(1);
        _destination[Position++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Require(2);
        BinaryPrimitives.WriteUInt16BigEndian(_destination[Position..], value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        Require(4);
        BinaryPrimitives.WriteUInt32BigEndian(_destination[Position..], value);
        Position += 4;
    }

    public void WriteUInt64(ulong value)
    {
        Require(8);
        BinaryPrimitives.WriteUInt64BigEndian(_destination[Position..], value);
        Position += 8;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        Require(value.Length);
        value.CopyTo(_destination[Position..]);
        Position += value.Length;
    }

    /// <summary>Writes <paramref name="count"/> zero octets (RESERVED fields: "MUST be sent as zero").</summary>
    public void WriteZeros(int count)
    {
        Require(count);
        _destination.Slice(Position, count).Clear();
        Position += count;
    }

    /// <summary>Hands out the next <paramref name="count"/> bytes for a nested writer and moves past them.</summary>
    public Span<byte> Advance(int count)
    {
        Require(count);
        Span<byte> slice = _destination.Slice(Position, count);
        Position += count;
        return slice;
    }

    private readonly void Require(int count)
    {
        if (count < 0 || count > _destination.Length - Position)
        {
            throw new ArgumentException(
                $"Destination too small: need {count} more bytes at offset {Position}, {Remaining} left.");
        }
    }
}
