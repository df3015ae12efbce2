namespace Ike.Encoding.V1.Payloads;

/// <summary>A vendor ID we send or recognise: its name, its exact octets, and whether longer IDs with this prefix count.</summary>
/// <param name="Name">What the ID announces, for logs.</param>
/// <param name="Bytes">The octets of the Vendor ID payload body.</param>
/// <param name="MatchesPrefix">True for IDs whose senders append a version or flags after these octets.</param>
public sealed record KnownVendorId(string Name, ReadOnlyMemory<byte> Bytes, bool MatchesPrefix = false)
{
    /// <summary>True when <paramref name="vendorId"/> is this ID (or, for prefix IDs, starts with it).</summary>
    public bool Matches(ReadOnlySpan<byte> vendorId) =>
        MatchesPrefix ? vendorId.StartsWith(Bytes.Span) : vendorId.SequenceEqual(Bytes.Span);

    public VendorIdPayload ToPayload() => new(Bytes);

    public bool Equals(KnownVendorId? other) =>
        other is not null && Name == other.Name && MatchesPrefix == other.MatchesPrefix && ValueEquality.BytesEqual(Bytes, other.Bytes);

    public override int GetHashCode() => HashCode.Combine(Name, MatchesPrefix, ValueEquality.BytesHash(Bytes));

    public override string ToString() => Name;
}
