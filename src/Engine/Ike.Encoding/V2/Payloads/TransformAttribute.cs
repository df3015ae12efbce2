namespace Ike.Encoding.V2.Payloads;

/// <summary>A transform attribute; the only one IKEv2 defines is Key Length (14).</summary>
/// <remarks>
/// RFC 7296 §3.3.5:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |A|       Attribute Type        |    AF=0  Attribute Length     |
/// |F|                             |    AF=1  Attribute Value      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   AF=0  Attribute Value                       |
/// |                   AF=1  Not Transmitted                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// AF=1 is the fixed Type/Value form (TV, two-octet value), AF=0 the Type/Length/Value form (TLV). Key Length
/// "MUST use the TV format" in the sense that §3.3.5 lists it as TV and fixed-length; a TLV Key Length is malformed.
/// Unknown attribute types are kept: §3.3.6 makes the proposal selection reject transforms it does not understand.
/// </remarks>
public sealed record TransformAttribute
{
    /// <summary>Attribute Type of Key Length (§3.3.5), in bits.</summary>
    public const ushort KeyLengthType = 14;

    private const ushort FormatBit = 0x8000;
    private const ushort TypeMask = 0x7FFF;

    private TransformAttribute(ushort attributeType, bool isFixedLength, ushort fixedValue, ReadOnlyMemory<byte> variableValue)
    {
        if (attributeType > TypeMask)
        {
            throw new ArgumentOutOfRangeException(nameof(attributeType), attributeType, "Attribute types are 15 bits.");
        }

        AttributeType = attributeType;
        IsFixedLength = isFixedLength;
        FixedValue = fixedValue;
        VariableValue = variableValue;
    }

    public ushort AttributeType { get; }

    /// <summary>True for the TV form (AF=1).</summary>
    public bool IsFixedLength { get; }

    /// <summary>The value of a TV attribute.</summary>
    public ushort FixedValue { get; }

    /// <summary>The value of a TLV attribute.</summary>
    public ReadOnlyMemory<byte> VariableValue { get; }

    public static TransformAttribute KeyLength(ushort bits) => Fixed(KeyLengthType, bits);

    public static TransformAttribute Fixed(ushort attributeType, ushort value) =>
        new(attributeType, isFixedLength: true, value, ReadOnlyMemory<byte>.Empty);

    public static TransformAttribute Variable(ushort attributeType, ReadOnlyMemory<byte> value) =>
        new(attributeType, isFixedLength: false, 0, value);

    /// <summary>Reads one attribute and moves the reader past it; the reader does not move on failure.</summary>
    public static TransformAttribute Read(ref SpanReader reader)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason Short = IkeMalformedReason.TransformAttributeTruncated;
        ushort typeField = cursor.ReadUInt16(Short);
        ushort lengthOrValue = cursor.ReadUInt16(Short);
        var type = (ushort)(typeField & TypeMask);
        bool isFixed = (typeField & FormatBit) != 0;

        // §3.3.5: Key Length is a TV attribute.
        if (type == KeyLengthType && !isFixed)
        {
            throw reader.Failure(IkeMalformedReason.TransformAttributeFormatInvalid);
        }

        TransformAttribute attribute = isFixed
            ? Fixed(type, lengthOrValue)
            : Variable(type, cursor.ReadBytes(lengthOrValue, Short).ToArray());
        reader = cursor;
        return attribute;
    }

    public int GetEncodedLength() => 4 + (IsFixedLength ? 0 : VariableValue.Length);

    public void Write(ref SpanWriter writer)
    {
        if (AttributeType == KeyLengthType && !IsFixedLength)
        {
            throw new ArgumentException("Key Length is a TV attribute (RFC 7296 §3.3.5).");
        }

        if (IsFixedLength)
        {
            writer.WriteUInt16((ushort)(AttributeType | FormatBit));
            writer.WriteUInt16(FixedValue);
            return;
        }

        if (VariableValue.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A TLV attribute value is at most 65535 octets.");
        }

        writer.WriteUInt16(AttributeType);
        writer.WriteUInt16((ushort)VariableValue.Length);
        writer.WriteBytes(VariableValue.Span);
    }

    public bool Equals(TransformAttribute? other) =>
        other is not null && AttributeType == other.AttributeType && IsFixedLength == other.IsFixedLength
        && FixedValue == other.FixedValue && ValueEquality.BytesEqual(VariableValue, other.VariableValue);

    public override int GetHashCode() =>
        HashCode.Combine(AttributeType, IsFixedLength, FixedValue, ValueEquality.BytesHash(VariableValue));
}
