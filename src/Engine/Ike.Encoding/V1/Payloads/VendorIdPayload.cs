namespace Ike.Encoding.V1.Payloads;

/// <summary>Vendor ID payload (VID).</summary>
/// <remarks>
/// RFC 2408 §3.16:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        Vendor ID (VID)                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// In IKEv1 the vendor IDs announce extensions (DPD, NAT-T, fragmentation) in phase 1; an unrecognised one is
/// ignored. <see cref="KnownVendorIds"/> names the ones we send or recognise.
/// </remarks>
public sealed record VendorIdPayload(ReadOnlyMemory<byte> VendorId) : IsakmpPayload
{
    public override IsakmpPayloadType Type => IsakmpPayloadType.VendorId;

    public static VendorIdPayload Read(ReadOnlySpan<byte> body) => new(body.ToArray());

    /// <summary>True when this payload is exactly <paramref name="known"/>'s bytes (or, for prefix IDs, starts with them).</summary>
    public bool Is(KnownVendorId known) => known.Matches(VendorId.Span);

    public override int GetEncodedLength() => VendorId.Length;

    public override void Write(Span<byte> destination) => new SpanWriter(destination).WriteBytes(VendorId.Span);

    public bool Equals(VendorIdPayload? other) => other is not null && ValueEquality.BytesEqual(VendorId, other.VendorId);

    public override int GetHashCode() => ValueEquality.BytesHash(VendorId);
}
