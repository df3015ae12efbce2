namespace Ike.Encoding.V2.Payloads;

/// <summary>One attribute of a Configuration payload.</summary>
/// <remarks>
/// RFC 7296 §3.15.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |R|         Attribute Type      |            Length             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                             Value                             ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The R bit is reserved: sent as zero, ignored on receipt. An empty value is how a CFG_REQUEST asks for an
/// attribute (§3.15.1: "Length ... MAY be zero").
/// </remarks>
public sealed record ConfigurationAttribute(ushort AttributeType, ReadOnlyMemory<byte> Value)
{
    private const int HeaderLength = 4;
    private const ushort TypeMask = 0x7FFF;

    public ConfigurationAttribute(ConfigurationAttributeType attributeType, ReadOnlyMemory<byte> value)
        : this((ushort)attributeType, value)
    {
    }

    public int GetEncodedLength() => HeaderLength + Value.Length;

    /// <summary>Reads one attribute and moves the reader past it; the reader does not move on failure.</summary>
    public static ConfigurationAttribute Read(ref SpanReader reader)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason Short = IkeMalformedReason.ConfigurationAttributeTruncated;
        ushort type = (ushort)(cursor.ReadUInt16(Short) & TypeMask);
        ushort length = cursor.ReadUInt16(Short);
        byte[] value = cursor.ReadBytes(length, Short).ToArray();
        reader = cursor;
        return new ConfigurationAttribute(type, value);
    }

    public void Write(ref SpanWriter writer)
    {
        if (AttributeType > TypeMask || Value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"Configuration attribute {AttributeType} does not fit the 15-bit type / 16-bit length.");
        }

        writer.WriteUInt16(AttributeType);
        writer.WriteUInt16((ushort)Value.Length);
        writer.WriteBytes(Value.Span);
    }

    public bool Equals(ConfigurationAttribute? other) =>
        other is not null && AttributeType == other.AttributeType && ValueEquality.BytesEqual(Value, other.Value);

    public override int GetHashCode() => HashCode.Combine(AttributeType, ValueEquality.BytesHash(Value));
}
