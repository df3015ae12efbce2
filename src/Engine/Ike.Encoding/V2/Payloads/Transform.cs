namespace Ike.Encoding.V2.Payloads;

/// <summary>A transform substructure of a proposal: one algorithm of one transform type.</summary>
/// <remarks>
/// RFC 7296 §3.3.2:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Last Substruc |   RESERVED    |        Transform Length       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Transform Type |   RESERVED    |          Transform ID         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                      Transform Attributes                     ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Last Substruc is 0 for the last transform of the proposal and 3 otherwise; the proposal writes it.
/// The Transform ID is a plain number: the algorithm catalogue lives in the crypto project.
/// </remarks>
public sealed record Transform(TransformType Type, ushort Id, IReadOnlyList<TransformAttribute> Attributes)
{
    /// <summary>Last Substruc value for "more transforms follow" (§3.3.2).</summary>
    public const byte MoreFollow = 3;

    private const int FixedLength = 8;

    public Transform(TransformType type, ushort id)
        : this(type, id, [])
    {
    }

    /// <summary>The Key Length attribute in bits, for ciphers with variable key sizes (§3.3.5).</summary>
    public ushort? KeyLength =>
        Attributes.FirstOrDefault(attribute => attribute.AttributeType == TransformAttribute.KeyLengthType)?.FixedValue;

    public static Transform WithKeyLength(TransformType type, ushort id, ushort keyLengthBits) =>
        new(type, id, [TransformAttribute.KeyLength(keyLengthBits)]);

    /// <summary>Reads one transform and moves the reader past it; the reader does not move on failure.</summary>
    public static Transform Read(ref SpanReader reader, out bool isLast)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason BadLength = IkeMalformedReason.TransformLengthInvalid;
        byte last = cursor.ReadByte(BadLength);
        cursor.Skip(1, BadLength); // RESERVED: ignored on receipt (§3.3.2)
        ushort length = cursor.ReadUInt16(BadLength);

        // §3.3.2: Last Substruc is 0 (last) or 3 (more).
        if (last is not (0 or MoreFollow))
        {
            throw reader.Failure(IkeMalformedReason.TransformCountMismatch);
        }

        // Transform Length covers the 8 fixed octets and the attributes and must stay inside the proposal.
        if (length < FixedLength || length - 4 > cursor.Remaining)
        {
            throw reader.FailureAt(reader.Position + 2, BadLength);
        }

        SpanReader body = cursor.ReadNested(length - 4, BadLength);
        var type = (TransformType)body.ReadByte(BadLength);
        body.Skip(1, BadLength); // RESERVED
        ushort id = body.ReadUInt16(BadLength);

        var attributes = new List<TransformAttribute>();
        while (!body.IsAtEnd)
        {
            if (attributes.Count == CodecLimits.MaxAttributesPerTransform)
            {
                throw body.Failure(IkeMalformedReason.TooManyTransformAttributes);
            }

            attributes.Add(TransformAttribute.Read(ref body));
        }

        isLast = last == 0;
        reader = cursor;
        return new Transform(type, id, attributes);
    }

    public int GetEncodedLength() => FixedLength + Attributes.Sum(attribute => attribute.GetEncodedLength());

    public void Write(ref SpanWriter writer, bool isLast)
    {
        int length = GetEncodedLength();
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("Transform too long for its 16-bit length field.");
        }

        writer.WriteByte(isLast ? (byte)0 : MoreFollow);
        writer.WriteZeros(1);
        writer.WriteUInt16((ushort)length);
        writer.WriteByte((byte)Type);
        writer.WriteZeros(1);
        writer.WriteUInt16(Id);
        foreach (TransformAttribute attribute in Attributes)
        {
            attribute.Write(ref writer);
        }
    }

    public bool Equals(Transform? other) =>
        other is not null && Type == other.Type && Id == other.Id && ValueEquality.ListsEqual(Attributes, other.Attributes);

    public override int GetHashCode() => HashCode.Combine(Type, Id, ValueEquality.ListHash(Attributes));
}
