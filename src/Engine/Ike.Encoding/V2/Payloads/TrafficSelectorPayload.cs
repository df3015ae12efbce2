namespace Ike.Encoding.V2.Payloads;

/// <summary>Traffic Selector payload (TSi, TSr).</summary>
/// <remarks>
/// RFC 7296 §3.13:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Number of TSs |                 RESERVED                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       &lt;Traffic Selectors&gt;                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The payload holds one or more selectors (§2.9 "each TS payload contains one or more Traffic Selectors");
/// Number of TSs must account for every octet of the body.
/// </remarks>
public sealed record TrafficSelectorPayload : IkePayload
{
    private const int FixedLength = 4;

    public TrafficSelectorPayload(PayloadType type, IReadOnlyList<TrafficSelector> selectors)
    {
        if (type is not (PayloadType.TrafficSelectorInitiator or PayloadType.TrafficSelectorResponder))
        {
            throw new ArgumentException($"A TS payload is TSi or TSr, not {type}.", nameof(type));
        }

        Type = type;
        Selectors = selectors;
    }

    public override PayloadType Type { get; }

    public IReadOnlyList<TrafficSelector> Selectors { get; }

    public bool IsInitiator => Type == PayloadType.TrafficSelectorInitiator;

    public static TrafficSelectorPayload Read(PayloadType type, ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        byte count = reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        reader.Skip(3, IkeMalformedReason.PayloadBodyTooShort); // RESERVED: ignored on receipt (§3.13)

        if (count == 0)
        {
            throw new IkeMalformedException(IkeMalformedReason.TrafficSelectorCountInvalid, 0);
        }

        if (count > CodecLimits.MaxTrafficSelectorsPerPayload)
        {
            throw new IkeMalformedException(IkeMalformedReason.TooManyTrafficSelectors, 0);
        }

        var selectors = new List<TrafficSelector>(count);
        for (int i = 0; i < count; i++)
        {
            if (reader.IsAtEnd)
            {
                // Fewer selectors present than Number of TSs announces.
                throw new IkeMalformedException(IkeMalformedReason.TrafficSelectorCountInvalid, 0);
            }

            selectors.Add(TrafficSelector.Read(ref reader));
        }

        if (!reader.IsAtEnd)
        {
            // More octets than the announced selectors take.
            throw reader.Failure(IkeMalformedReason.TrafficSelectorCountInvalid);
        }

        return new TrafficSelectorPayload(type, selectors);
    }

    public override int GetEncodedLength() => FixedLength + Selectors.Sum(selector => selector.GetEncodedLength());

    public override void Write(Span<byte> destination)
    {
        if (Selectors.Count is 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"A TS payload carries 1..255 selectors, not {Selectors.Count}.");
        }

        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)Selectors.Count);
        writer.WriteZeros(3);
        foreach (TrafficSelector selector in Selectors)
        {
            selector.Write(ref writer);
        }
    }

    public bool Equals(TrafficSelectorPayload? other) =>
        other is not null && Type == other.Type && ValueEquality.ListsEqual(Selectors, other.Selectors);

    public override int GetHashCode() => HashCode.Combine(Type, ValueEquality.ListHash(Selectors));
}
