namespace Ike.Encoding.V1.Payloads;

/// <summary>A Transform payload inside a Proposal payload: one complete algorithm suite offered for the proposal's protocol.</summary>
/// <remarks>
/// RFC 2408 §3.6:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Transform #  !  Transform-Id !           RESERVED2           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        SA Attributes                          ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Next Payload is 3 when another transform of the same proposal follows and 0 for the last one; the proposal
/// writes it. Unlike IKEv2, one IKEv1 transform carries a whole suite: for PROTO_ISAKMP the Transform-Id is
/// KEY_IKE and cipher, hash, authentication method, group and lifetimes are attributes (RFC 2409 Appendix A);
/// for ESP the Transform-Id is the cipher and the rest are IPsec DOI attributes (RFC 2407 §4.5). The responder
/// echoes the chosen transform with its Transform # (RFC 2408 §4.2), so the number is kept as sent.
/// </remarks>
public sealed record TransformPayload(byte Number, byte TransformId, IReadOnlyList<DataAttribute> Attributes)
{
    /// <summary>Next Payload value meaning "another transform follows" (RFC 2408 §3.6).</summary>
    public const byte MoreFollow = (byte)IsakmpPayloadType.Transform;

    private const int HeaderLength = 4;
    private const int FixedLength = 8;

    /// <summary>The first attribute of the given class, or null.</summary>
    public DataAttribute? Find(ushort attributeType) =>
        Attributes.FirstOrDefault(attribute => attribute.AttributeType == attributeType);

    public DataAttribute? Find(Phase1AttributeType attributeType) => Find((ushort)attributeType);

    public DataAttribute? Find(IpsecAttributeType attributeType) => Find((ushort)attributeType);

    /// <summary>Reads one transform (generic header included) and moves the reader past it; the reader does not move on failure.</summary>
    /// <param name="reader">Positioned at the transform's generic header.</param>
    /// <param name="protocol">The enclosing proposal's protocol: it decides which attribute classes are Basic.</param>
    /// <param name="isLast">True when Next Payload says no transform follows.</param>
    public static TransformPayload Read(ref SpanReader reader, IpsecProtocolId protocol, out bool isLast)
    {
        SpanReader cursor = reader;
        const IkeMalformedReason BadLength = IkeMalformedReason.TransformLengthInvalid;
        byte next = cursor.ReadByte(BadLength);
        cursor.Skip(1, BadLength); // RESERVED
        ushort length = cursor.ReadUInt16(BadLength);

        // RFC 2408 §3.6: Next Payload "MUST contain the value 3 or 0".
        if (next is not (0 or MoreFollow))
        {
            throw reader.Failure(IkeMalformedReason.TransformCountMismatch);
        }

        // Payload Length covers the generic header, the fixed fields and the attributes, inside the proposal.
        if (length < FixedLength || length - HeaderLength > cursor.Remaining)
        {
            throw reader.FailureAt(reader.Position + 2, BadLength);
        }

        SpanReader body = cursor.ReadNested(length - HeaderLength, BadLength);
        byte number = body.ReadByte(BadLength);
        byte transformId = body.ReadByte(BadLength);
        body.Skip(2, BadLength); // RESERVED2

        Func<ushort, bool> isBasicClass = IsBasicClassOf(protocol);
        var attributes = new List<DataAttribute>();
        while (!body.IsAtEnd)
        {
            if (attributes.Count == CodecLimits.MaxDataAttributesPerTransform)
            {
                throw body.Failure(IkeMalformedReason.TooManyTransformAttributes);
            }

            attributes.Add(DataAttribute.Read(ref body, isBasicClass));
        }

        isLast = next == 0;
        reader = cursor;
        return new TransformPayload(number, transformId, attributes);
    }

    /// <summary>Encoded length, generic header included.</summary>
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
        writer.WriteByte(Number);
        writer.WriteByte(TransformId);
        writer.WriteZeros(2);
        foreach (DataAttribute attribute in Attributes)
        {
            attribute.Write(ref writer);
        }
    }

    private static Func<ushort, bool> IsBasicClassOf(IpsecProtocolId protocol) => protocol switch
    {
        // RFC 2409 Appendix A for PROTO_ISAKMP, RFC 2407 §4.5 for the IPsec protocols.
        IpsecProtocolId.Ike => static type => Phase1AttributeTypes.IsBasic((Phase1AttributeType)type),
        IpsecProtocolId.Esp or IpsecProtocolId.Ah => static type => IpsecAttributeTypes.IsBasic((IpsecAttributeType)type),
        // Other protocols (IPCOMP, unknown): the proposal selection decides; any form is syntactically fine.
        _ => static _ => false,
    };

    public bool Equals(TransformPayload? other) =>
        other is not null && Number == other.Number && TransformId == other.TransformId
        && ValueEquality.ListsEqual(Attributes, other.Attributes);

    public override int GetHashCode() => HashCode.Combine(Number, TransformId, ValueEquality.ListHash(Attributes));
}
