namespace Ike.Encoding.V2;

/// <summary>One payload located in a chain by its generic header, before its body is parsed.</summary>
/// <param name="Type">The type announced by the previous Next Payload field (or the header / SK).</param>
/// <param name="IsCritical">The C bit of the payload's own generic header (§3.2).</param>
/// <param name="BodyOffset">Offset of the body (after the generic header) in the scanned buffer.</param>
/// <param name="BodyLength">Payload Length minus the 4-octet generic header.</param>
/// <param name="NextPayload">The payload's Next Payload field.</param>
internal readonly record struct RawPayload(PayloadType Type, bool IsCritical, int BodyOffset, int BodyLength, PayloadType NextPayload);
