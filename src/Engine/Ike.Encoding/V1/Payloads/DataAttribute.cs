using System.Buffers.Binary;

namespace Ike.Encoding.V1.Payloads;

/// <summary>One SA data attribute of a transform, in the fixed (TV) or variable (TLV) form.</summary>
/// <remarks>
/// RFC 2408 §3.3:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !A!       Attribute Type        !    AF=0  Attribute Length     !
/// !F!                             !    AF=1  Attribute Value      !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// .                   AF=0  Attribute Value                       .
/// .                   AF=1  Not Transmitted                       .
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The attribute type is a plain 15-bit number: which class it is (<see cref="Phase1AttributeType"/> or
/// <see cref="IpsecAttributeType"/>) depends on the protocol of the enclosing proposal. Integer values of the
/// Variable classes (life durations) may come in either form; <see cref="TryGetInteger"/> reads both.
/// </remarks>
public sealed record DataAttribute
{
    private const ushort FormatBit = 0x8000;
    private const ushort TypeMask = 0x7FFF;
    private const int HeaderLength = 4;

    /// <summary>Longest integer <see cref="TryGetInteger"/> decodes: eight octets, more than any life duration needs.</summary>
    private const int MaxIntegerLength = 8;

    private DataAttribute(ushort attributeType, bool isBasic, ushort basicValue, ReadOnlyMemory<byte> variableValue)
    {
        if (attributeType > TypeMask)
        {
            throw new ArgumentOutOfRangeException(nameof(attributeType), attributeType, "Attribute types are 15 bits.");
        }

        AttributeType = attributeType;
        IsBasic = isBasic;
        BasicValue = basicValue;
        VariableValue = variableValue;
    }

    public ushort AttributeType { get; }

    /// <summary>True for the TV form (AF=1): a two-octet value in place of the length.</summary>
    public bool IsBasic { get; }

    /// <summary>The value of a TV attribute.</summary>
    public ushort BasicValue { get; }

    /// <summary>The value of a TLV attribute.</summary>
    public ReadOnlyMemory<byte> VariableValue { get; }

    public static DataAttribute Basic(ushort attributeType, ushort value) =>
        new(attributeType, isBasic: true, value, ReadOnlyMemory<byte>.Empty);

    public static DataAttribute Basic(Phase1AttributeType attributeType, ushort value) => Basic((ushort)attributeType, value);

    public static DataAttribute Basic(IpsecAttributeType attributeType, ushort value) => Basic((ushort)attributeType, value);

    public static DataAttribute Variable(ushort attributeType, ReadOnlyMemory<byte> value) =>
        new(attributeType, isBasic: false, 0, value);

    /// <summary>
    /// An integer in the shortest form RFC 2409 Appendix A allows for a Variable class: TV when it fits two
    /// octets, else TLV with four octets (eight above 2^32).
    /// </summary>
    public static DataAttribute Integer(ushort attributeType, ulong value)
    {
        if (value <= ushort.MaxValue)
        {
            return Basic(attributeType, (ushort)value);
        }

        byte[] bytes;
        if (value <= uint.MaxValue)
        {
            bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
        }
        else
        {
            bytes = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }

        return Variable(attributeType, bytes);
    }

    /// <summary>The value as an unsigned integer: a TV value, or a big-endian TLV value of at most eight significant octets.</summary>
    public bool TryGetInteger(out ulong value)
    {
        if (IsBasic)
        {
            value = BasicValue;
            return true;
        }

        ReadOnlySpan<byte> bytes = VariableValue.Span;
        int firstNonZero = bytes.IndexOfAnyExcept((byte)0);
        ReadOnlySpan<byte> significant = firstNonZero < 0 ? [] : bytes[firstNonZero..];
        if (bytes.IsEmpty || significant.Length > MaxIntegerLength)
        {
            value = 0;
            return false;
        }

        value = 0;
        foreach (byte b in significant)
        {
            value = (value << 8) | b;
        }

        return true;
    }

    /// <summary>Reads one attribute and moves the reader past it; the reader does not move on failure.</summary>
    /// <param name="reader">Positioned at the attribute.</param>
    /// <param name="isBasicClass">Whether a type is a Basic class that must not arrive in TLV form.</param>
    public static DataAttribute Read(ref SpanReader reader, Func<ushort, bool> isBasicClass)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason Short = IkeMalformedReason.TransformAttributeTruncated;
        ushort typeField = cursor.ReadUInt16(Short);
        ushort lengthOrValue = cursor.ReadUInt16(Short);
        var type = (ushort)(typeField & TypeMask);
        bool isBasic = (typeField & FormatBit) != 0;

        // RFC 2409 Appendix A / RFC 2407 §4.5: "Attributes described as basic MUST NOT be encoded as variable."
        if (!isBasic && isBasicClass(type))
        {
            throw reader.Failure(IkeMalformedReason.TransformAttributeFormatInvalid);
        }

        DataAttribute attribute = isBasic
            ? Basic(type, lengthOrValue)
            : Variable(type, cursor.ReadBytes(lengthOrValue, Short).ToArray());
        reader = cursor;
        return attribute;
    }

    public int GetEncodedLength() => HeaderLength + (IsBasic ? 0 : VariableValue.Length);

    public void Write(ref SpanWriter writer)
    {
        if (IsBasic)
        {
            writer.WriteUInt16((ushort)(AttributeType | FormatBit));
            writer.WriteUInt16(BasicValue);
            return;
        }

        if (VariableValue.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A TLV attribute value is at most 65535 octets (RFC 2408 §3.3).");
        }

        writer.WriteUInt16(AttributeType);
        writer.WriteUInt16((ushort)VariableValue.Length);
        writer.WriteBytes(VariableValue.Span);
    }

    public bool Equals(DataAttribute? other) =>
        other is not null && AttributeType == other.AttributeType && IsBasic == other.IsBasic
        && BasicValue == other.BasicValue && ValueEquality.BytesEqual(VariableValue, other.VariableValue);

    public override int GetHashCode() =>
        HashCode.Combine(AttributeType, IsBasic, BasicValue, ValueEquality.BytesHash(VariableValue));

    public override string ToString() =>
        IsBasic ? $"{AttributeType}={BasicValue}" : $"{AttributeType}=0x{Convert.ToHexStringLower(VariableValue.Span)}";
}
