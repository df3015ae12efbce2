using System.Buffers.Binary;

namespace Ike.Encoding;

/// <summary>
/// Big-endian cursor over received bytes that checks bounds before every read and moves only on success.
/// </summary>
/// <remarks>
/// Every failure is an <see cref="IkeMalformedException"/> carrying the caller's reason and the offset of the
/// field that did not fit, counted from the start of the outermost span (a nested reader made with
/// <see cref="ReadNested"/> keeps counting from there). The cursor stays where it was on failure, so a caller
/// that catches can still report or skip from a known position.
/// </remarks>
public ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;

    public SpanReader(ReadOnlySpan<byte> data)
        : this(data, 0)
    {
    }

    private SpanReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        Position = 0;
    }

    /// <summary>Offset of the next unread byte.</summary>
    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly bool IsAtEnd => Position == _data.Length;

    /// <summary>The bytes not read yet, without moving.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _data[Position..];

    public byte ReadByte(IkeMalformedReason reasonIfShort)
    {
        Require(1, reasonIfShort);
        return _data[Position++];
    }

    public ushort ReadUInt16(IkeMalformedReason reasonIfShort)
    {
        Require(2, reasonIfShort);
        ushort value = BinaryPrimitives.ReadUInt16BigEndian(_data[Position..]);
        Position += 2;
        return value;
    }

    public uint ReadUInt32(IkeMalformedReason reasonIfShort)
    {
        Require(4, reasonIfShort);
        uint value = BinaryPrimitives.ReadUInt32BigEndian(_data[Position..]);
        Position += 4;
        return value;
    }

    public ulong ReadUInt64(IkeMalformedReason reasonIfShort)
    {
        Require(8, reasonIfShort);
        ulong value = BinaryPrimitives.ReadUInt64BigEndian(_data[Position..]);
        Position += 8;
        return value;
    }

    /// <summary>Reads <paramref name="count"/> bytes as a slice of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytes(int count, IkeMalformedReason reasonIfShort)
    {
        Require(count, reasonIfShort);
        ReadOnlySpan<byte> slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    /// <summary>Reads everything left.</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        ReadOnlySpan<byte> rest = _data[Position..];
        Position = _data.Length;
        return rest;
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> bytes as their own reader (a substructure with its own length
    /// field), so that nothing inside can read past the substructure; its error offsets stay absolute.
    /// </summary>
    public SpanReader ReadNested(int count, IkeMalformedReason reasonIfShort)
    {
        Require(count, reasonIfShort);
        var nested = new SpanReader(_data.Slice(Position, count), _baseOffset + Position);
        Position += count;
        return nested;
    }

    /// <summary>Offset of the next unread byte counted from the start of the outermost reader.</summary>
    public readonly int AbsolutePosition => _baseOffset + Position;

    /// <summary>A failure at the current position, for rules checked by the caller rather than by a read.</summary>
    public readonly IkeMalformedException Failure(IkeMalformedReason reason) => new(reason, AbsolutePosition);

    /// <summary>A failure at an earlier position of this reader (e.g. the start of a field already read).</summary>
    public readonly IkeMalformedException FailureAt(int position, IkeMalformedReason reason) =>
        new(reason, _baseOffset + position);

    public void Skip(int count, IkeMalformedReason reasonIfShort)
    {
        Require(count, reasonIfShort);
        Position += count;
    }

    private readonly void Require(int count, IkeMalformedReason reasonIfShort)
    {
        // count comes from length fields of the peer: a negative value would be our own arithmetic bug,
        // but treat it as malformed rather than letting Slice throw an unrelated exception.
        if (count < 0 || count > _data.Length - Position)
        {
            throw new IkeMalformedException(reasonIfShort, AbsolutePosition);
        }
    }
}
