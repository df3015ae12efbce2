namespace Ike.Encoding.V2.Payloads;

/// <summary>Vendor ID payload (V).</summary>
/// <remarks>
/// RFC 7296 §3.12:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        Vendor ID (VID)                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Opaque: "a Vendor ID payload MAY be sent as part of any message" and an unrecognised one is ignored.
/// </remarks>
public sealed record VendorIdPayload(ReadOnlyMemory<byte> VendorId) : IkePayload
{
    public override PayloadType Type => PayloadType.VendorId;

    public static VendorIdPayload Read(ReadOnlySpan<byte> body) => new(body.ToArray());

    public override int GetEncodedLength() => VendorId.Length;

    public override void Write(Span<byte> destination) => new SpanWriter(destination).WriteBytes(VendorId.Span);

    public bool Equals(VendorIdPayload? other) => other is not null && ValueEquality.BytesEqual(VendorId, other.VendorId);

    public override int GetHashCode() => ValueEquality.BytesHash(VendorId);
}
