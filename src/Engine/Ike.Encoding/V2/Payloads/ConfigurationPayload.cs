namespace Ike.Encoding.V2.Payloads;

/// <summary>Configuration payload (CP).</summary>
/// <remarks>
/// RFC 7296 §3.15:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C| RESERVED    |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   CFG Type    |                    RESERVED                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                   Configuration Attributes                    ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public sealed record ConfigurationPayload(ConfigurationType ConfigurationType, IReadOnlyList<ConfigurationAttribute> Attributes)
    : IkePayload
{
    private const int FixedLength = 4;

    public override PayloadType Type => PayloadType.Configuration;

    public static ConfigurationPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var cfgType = (ConfigurationType)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        reader.Skip(3, IkeMalformedReason.PayloadBodyTooShort); // RESERVED: ignored on receipt (§3.15)

        var attributes = new List<ConfigurationAttribute>();
        while (!reader.IsAtEnd)
        {
            if (attributes.Count == CodecLimits.MaxConfigurationAttributes)
            {
                throw reader.Failure(IkeMalformedReason.TooManyConfigurationAttributes);
            }

            attributes.Add(ConfigurationAttribute.Read(ref reader));
        }

        return new ConfigurationPayload(cfgType, attributes);
    }

    public override int GetEncodedLength() => FixedLength + Attributes.Sum(attribute => attribute.GetEncodedLength());

    public override void Write(Span<byte> destination)
    {
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)ConfigurationType);
        writer.WriteZeros(3);
        foreach (ConfigurationAttribute attribute in Attributes)
        {
            attribute.Write(ref writer);
        }
    }

    public bool Equals(ConfigurationPayload? other) =>
        other is not null && ConfigurationType == other.ConfigurationType
        && ValueEquality.ListsEqual(Attributes, other.Attributes);

    public override int GetHashCode() => HashCode.Combine(ConfigurationType, ValueEquality.ListHash(Attributes));
}
