namespace Ike.Encoding.V2.Payloads;

/// <summary>Key Exchange payload (KEi, KEr).</summary>
/// <remarks>
/// RFC 7296 §3.4:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Diffie-Hellman Group Num    |           RESERVED            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Key Exchange Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The group number is a plain Transform Type 4 ID. Whether the data length fits the group (§3.4: a MODP
/// public value is exactly as long as the prime) is checked by the key exchange code, which knows each
/// group's size; a group we did not select is answered with INVALID_KE_PAYLOAD (§1.2), not by the codec.
/// </remarks>
public sealed record KePayload(ushort DhGroup, ReadOnlyMemory<byte> KeyExchangeData) : IkePayload
{
    private const int FixedLength = 4;

    public override PayloadType Type => PayloadType.KeyExchange;

    public static KePayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        ushort group = reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort);
        reader.Skip(2, IkeMalformedReason.PayloadBodyTooShort); // RESERVED: ignored on receipt (§3.4)
        var payload = new KePayload(group, reader.ReadRest().ToArray());
        payload.Validate();
        return payload;
    }

    public override int GetEncodedLength() => FixedLength + KeyExchangeData.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteUInt16(DhGroup);
        writer.WriteZeros(2);
        writer.WriteBytes(KeyExchangeData.Span);
    }

    public override void Validate()
    {
        // A Diffie-Hellman public value is never empty (§3.4 "Key Exchange Data ... the public value").
        if (KeyExchangeData.IsEmpty)
        {
            throw new IkeMalformedException(IkeMalformedReason.KeyExchangeDataEmpty, FixedLength);
        }
    }

    public bool Equals(KePayload? other) =>
        other is not null && DhGroup == other.DhGroup && ValueEquality.BytesEqual(KeyExchangeData, other.KeyExchangeData);

    public override int GetHashCode() => HashCode.Combine(DhGroup, ValueEquality.BytesHash(KeyExchangeData));
}
